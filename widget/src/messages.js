/*
 * Every sentence the widget itself shows (everything else comes from the bot), in English
 * (HarmbotMessages) and Spanish (HarmbotMessagesEs). The widget picks Spanish when the browser's language
 * starts with "es", and follows the bot's language once the bot has answered; English is the default.
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
  // Screen-reader label of a tap-to-call link ("Call 988").
  callLabel: "Call",
  // Sent (not shown) when a new conversation starts, so the bot says its welcome in this language.
  initMessage: "hi",
};

// The same lines in Spanish. "llama o envía un mensaje al 988", "envía AYUDA al 988" and "llama al 911"
// become tap-to-call / tap-to-text links too. A deployer can override any entry with HarmbotConfig.messagesEs.
window.HarmbotMessagesEs = {
  launcher: "Chatear con la guía de apoyo entre pares",
  title: "Chat de apoyo entre pares",
  subtitle: "Una guía automática, no una persona ni un servicio de crisis.",
  crisisLine:
    "¿En peligro ahora mismo? Llama al 911. Para hablar con alguien ahora, llama o envía un mensaje al 988 " +
    "(en español: marca 2, o envía AYUDA al 988), de día o de noche.",
  quickExit: "Salida rápida",
  quickExitHint: "Sal de esta página ahora. Borra este chat del navegador.",
  clearChat: "Borrar chat",
  clearChatHint: "Borra esta conversación de este navegador y empieza una nueva.",
  minimise: "Minimizar",
  minimiseHint: "Minimiza el chat. Tu conversación se queda hasta que cierres esta pestaña.",
  conversation: "Conversación",
  choices: "Opciones",
  youSaid: "Dijiste:",
  guideSaid: "La guía dijo:",
  inputLabel: "Tu mensaje",
  inputPlaceholder: "Escribe un mensaje",
  send: "Enviar",
  connecting: "Conectando…",
  connected: "Conectado.",
  unreachable:
    "Perdón, no puedo conectarme al chat ahora. No estás solo ni sola, y no tienes que esperarme.\n" +
    "Si estás en peligro ahora mismo, llama al 911.\n" +
    "Para hablar con alguien ahora, llama o envía un mensaje al 988 (en español: marca 2), de día o de noche.\n" +
    "Puedes volver a intentar el chat en unos minutos.",
  newChat:
    "Este es un chat nuevo: el anterior llevaba un rato sin mensajes, así que la guía no recordará " +
    "lo que se dijo arriba. Puedes seguir desde aquí cuando quieras.",
  notSent: "Tu mensaje no se envió porque el chat no está conectado. Sigue en el cuadro de abajo.",
  unreadable:
    "Perdón, ese mensaje no llegó de una forma que pueda leer. Por favor, intenta enviarlo otra vez. " +
    "Si estás en peligro ahora mismo, llama al 911. Para hablar con alguien ahora, llama o envía un mensaje al 988.",
  slow:
    "Esto está tardando más de lo normal. Si estás en peligro ahora mismo, llama al 911, " +
    "o llama o envía un mensaje al 988 para hablar con alguien ahora.",
  callLabel: "Llamar al",
  initMessage: "hola",
};
