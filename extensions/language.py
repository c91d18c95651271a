"""Which language to answer in: English, or Spanish when the person writes Spanish.

A word-list scorer, not a statistical detector: the messages are short texts ("hola", "sí", "gracias"),
where character-model detectors guess, and this needs to be deterministic and cheap on every turn.
Words that both languages use ("no", "me", "a", "ok") count for neither; a message with no clear
signal keeps the conversation's language (the last clear message in this session), English by default.
Measured on tests/data/language_labelled.yml (tests/test_language.py).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional

from harmbot import content

ENGLISH = "en"
SPANISH = "es"

# Common Spanish function words, greetings, question words and everyday verbs (accents removed), chosen
# to be words English texting does not use. "si" is here: in English texts it is rare, and when someone
# answers "si" they mean yes.
SPANISH_WORDS = frozenset(
    """
    hola buenas buenos dias tardes noches gracias muchas porfa porfavor favor si claro vale bueno adios
    chao hasta luego perdon disculpa ayuda ayudame necesito quiero puedo tengo estoy estas esta estan
    soy eres es fue era hay tiene tienes hace hacer tener ser estar sentir siento siente
    que como cuando donde quien cual cuales cuanto porque por para pero tambien muy mas menos mucho
    mucha poco nada nadie algo alguien siempre nunca ahora hoy manana ayer aqui alli todavia aun
    el la los las un una unos unas del al lo le les mi mis tu tus su sus nuestro yo ella ellos nosotros
    usted ustedes conmigo contigo con sin sobre entre desde hacia hasta y o ni pues entonces asi
    mal bien triste solo sola cansado cansada miedo ansiedad dolor herida cortada corte cortarme cortes
    quemadura quemado sangre sangra ganas amigo amiga amigos hijo hija mama papa novio novia familia
    hermano hermana persona alguna ningun ninguna otro otra otros menu opciones hablar dime decir
    puedes podrias quieres sabes se sabe ok vale okey oye mira gente cosa cosas vida morir ahorita
    hacerme lastimarme lastimo lastime duele cuidar cuido curar limpiar
    en comido comer comi como semana semanas mareo mareos mareada mareado desmaye desmayo vomitar vomito vomite
    pastilla pastillas medicina medicamento medicamentos corazon pecho garganta sueño dormir casa escuela trabajo
    """.split()
)

# Common English function words and texting words that are not also Spanish.
ENGLISH_WORDS = frozenset(
    """
    hi hello hey hiya yo thanks thank thx ty yes yeah yep yup nope nah please pls bye goodbye
    i i'm im i've ive i'll ill you you're your my me mine we our they them their he she his her it it's
    its this that these those the an and or but if then so because with without about for from of to
    in on at by up down out into over what when where who which why how is are was were be been am
    do does did don't dont doesn't didn't can can't cant could would should will won't have has had
    not just really very too also still now today tonight right want need feel feeling know think
    help get got go going make take tell talk like love hate sad tired scared hurt hurting cut cutting
    burn wound friend mom dad sister brother someone something anything nothing everything okay fine good bad well
    menu options more other again sorry ok lol idk tbh u ur im gonna wanna kinda
    """.split()
)
# Words in both lists count for neither (listed here so the overlap is a decision, not an accident).
SHARED_WORDS = frozenset({"no", "me", "a", "ok", "menu", "solo", "mas", "se", "yo", "dolor"})

_WORD = re.compile(r"[a-zñ']+")


def _plain(text: str) -> str:
    # Accents are dropped ("sí" and "si" alike); ñ is kept, it is a Spanish letter.
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'").replace("ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.replace("\0", "ñ")


def detect(text: Optional[str]) -> Optional[str]:
    """ "es" or "en" when the message clearly is one of them, None when it gives no clear signal
    (a word both languages use, a button payload, an emoji, a number)."""
    if not text or text.lstrip().startswith("/"):
        return None
    spanish_marks = 2 * sum(text.count(mark) for mark in "¿¡ñÑ")
    words = [w for w in _WORD.findall(_plain(text)) if w not in SHARED_WORDS]
    spanish = spanish_marks + sum(w in SPANISH_WORDS for w in words)
    english = sum(w in ENGLISH_WORDS for w in words)
    if spanish > english:
        return SPANISH
    if english > spanish:
        return ENGLISH
    return None


def conversation_language(texts_newest_first: Iterable[Optional[str]]) -> str:
    """The language of the newest message that has a clear one; English when none does."""
    return next((lang for lang in map(detect, texts_newest_first) if lang), ENGLISH)


def spanish_responses() -> Dict[str, List[Dict[str, Any]]]:
    """The Spanish versions of domain responses (resources/es.yml `responses`), keyed by response name."""
    return content.sentences("es")["responses"]


def spanish_message(name: str) -> str:
    """A Spanish sentence that code adds outside the domain (resources/es.yml `messages`)."""
    return content.sentences("es")["messages"][name].strip()


def spanish_sms(name: str) -> str:
    """A Spanish sentence of the SMS channel (resources/es.yml `sms`)."""
    return content.sentences("es")["sms"][name].strip()
