/*
 * Every sentence the widget itself shows (everything else comes from the bot).
 * Phone and text numbers written as "call 911", "call or text 988", "text HOME to 741741",
 * "1-800-467-3135" or "2-1-1" become tap-to-call / tap-to-text links.
 * The crisis line and the "can't connect" message live here, in static files, so they show even when
 * the bot is down. A deployer can override any entry with HarmbotConfig.messages.
 */
window.HarmbotMessages = {
  launcher: "Chat with the peer-support guide",
  title: "Peer-support chat",
  subtitle: "An automated guide, not a person and not a crisis service.",
  crisisLine: "In danger right now? Call 911. To talk to someone now, call or text 988, day or night.",
  quickExit: "Quick exit",
  quickExitHint: "Leave this page now. Clears this chat from the browser.",
  clearChat: "Clear chat",
  clearChatHint: "Delete this conversation from this browser and start a new one.",
  minimise: "Minimise",
  minimiseHint: "Minimise the chat. Your conversation stays until you close this tab.",
  conversation: "Conversation",
  choices: "Choices",
  youSaid: "You said:",
  guideSaid: "Guide said:",
  inputLabel: "Your message",
  inputPlaceholder: "Type a message",
  send: "Send",
  connecting: "Connecting…",
  connected: "Connected.",
  unreachable:
    "Sorry, I can't reach the chat right now. You're not alone, and you don't have to wait for me.\n" +
    "If you're in danger right now, call 911.\n" +
    "To talk to someone now, call or text 988, day or night.\n" +
    "You can try the chat again in a few minutes.",
  newChat:
    "This is a new chat: the earlier one had been quiet for a while, so the guide won't remember " +
    "what was said above. You can carry on from here whenever you like.",
  notSent: "Your message wasn't sent because the chat isn't connected. It's still in the box below.",
  unreadable:
    "Sorry, that message didn't come through in a form I can read. Please try sending it again. " +
    "If you're in danger right now, call 911. To talk to someone now, call or text 988.",
  slow:
    "This is taking longer than usual. If you're in danger right now, call 911, " +
    "or call or text 988 to talk to someone now.",
};
