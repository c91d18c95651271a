"""The shared core below both processes: content, settings, storage, the risk engine and shared names.

The Rasa server (`extensions/`) and the action server (`actions/`) import it; it imports neither.
"""
