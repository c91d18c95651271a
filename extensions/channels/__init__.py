"""Input channels: REST (staff and tests), socket.io (website widget) and SMS (Twilio webhook)."""
