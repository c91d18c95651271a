"""What the bot stores outside Rasa's tracker store: contact requests (and their retention)."""
