"""The staff console: a small Sanic web app for program staff (try the bot and see why it answered,
save conversations as test stories, review and sign off content, see usage figures)."""
