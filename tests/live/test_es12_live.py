"""es12 over REST with the real servers: a person who writes in Spanish gets Spanish all the way through a safety
plan (its questions, leaving it half-way and the keep-or-discard question, coming back to it) and the deletion of
the conversation. Before es12 the plan's questions, its "keep or discard?" and "conversation deleted" came back in
English. Inputs are worded off the NLU examples (tests/test_risk_heldout_guard.py checks)."""

from __future__ import annotations

from typing import Any, Dict, List

from tests.live.clicks import click
from tests.live.harness import texts
from tests.test_spanish_es12 import english_words


def spanish(reply: List[Dict[str, Any]]) -> str:
    """The reply's words and button titles, asserted free of English sentences."""
    said = texts(reply) + "\n" + "\n".join(b["title"] for m in reply for b in m.get("buttons") or [])
    assert not english_words(said), (english_words(said), said)
    return said


def test_a_spanish_safety_plan_left_half_way_and_a_deleted_conversation_stay_spanish(bot, sender):
    assert "Hola, soy una guía" in spanish(bot.say(sender, "hola, ¿cómo va todo por aquí?"))
    said = spanish(bot.say(sender, "quisiera armar mi plan de seguridad"))
    assert "Hagamos un plan de seguridad" in said and "Paso 1 de 7" in said and '"saltar"' in said
    assert "Paso 2 de 7" in spanish(bot.say(sender, "me encierro en mi cuarto y no contesto el teléfono"))
    assert "Paso 3 de 7" in spanish(bot.say(sender, "pintar y escuchar mis canciones favoritas"))

    # Leaving half-way: keep or discard, asked in Spanish, and the answers kept for later.
    reply = bot.say(sender, "mejor lo dejamos aquí")
    assert "¿Guardo lo que escribiste hasta ahora" in spanish(reply)
    assert [b["payload"] for b in reply[-1]["buttons"]] == ["keep", "discard"]
    assert "guardé tu plan hasta aquí" in spanish(click(bot, sender, reply, "Guárdalo"))

    # Asking to delete the conversation: the question and the "deleted" message in Spanish.
    said = spanish(bot.say(sender, "quiero borrar este chat"))
    assert "¿La borro?" in said
    reply = bot.say(sender, "sí")
    said = spanish(reply)
    assert "Listo. Borré esta conversación" in said and "Done." not in said
    assert any((m.get("custom") or {}).get("data", {}).get("harmbot") == "conversation_deleted" for m in reply)


def test_the_spanish_plan_resumed_finished_and_given_back_is_spanish(bot, sender):
    bot.say(sender, "buenas noches")
    bot.say(sender, "necesito hacer un plan de seguridad")
    bot.say(sender, "cuando dejo de comer y me quedo en la cama")
    said = spanish(bot.say(sender, "ya no quiero seguir con esto"))
    assert "¿Guardo lo que escribiste hasta ahora" in said
    spanish(bot.say(sender, "guárdalo"))
    said = spanish(bot.say(sender, "quiero terminar mi plan"))
    assert "Qué bueno que volviste a tu plan" in said and "Paso 2 de 7" in said
    bot.say(sender, "salir a caminar con mi perro")
    bot.say(sender, "saltar")
    said = spanish(bot.say(sender, "no tengo a nadie"))
    assert "Incluso una sola persona" in said and "Paso 4 de 7" in said
    said = spanish(bot.say(sender, "mi prima Lupe, le mando mensaje"))
    assert "Paso 5 de 7" in said and "Llama al 911" in said and "1-800-467-3135" in said
    spanish(bot.say(sender, "saltar"))
    assert "Paso 7 de 7" in spanish(bot.say(sender, "pedirle a mi tía que me guarde algunas cosas"))
    said = spanish(bot.say(sender, "mi perrita Luna"))
    assert "MI PLAN DE SEGURIDAD" in said and "1. Mis señales de alerta" in said
    for words in ("cuando dejo de comer y me quedo en la cama", "mi prima Lupe, le mando mensaje", "mi perrita Luna"):
        assert words in said
    assert "Guarda tu copia" in said


def test_discarding_a_spanish_plan_and_cancelling_it_stay_spanish(bot, sender):
    bot.say(sender, "hola")
    bot.say(sender, "me ayudas con un plan de seguridad")
    bot.say(sender, "me pongo muy irritable y no duermo")
    said = spanish(bot.say(sender, "no quiero seguir con el plan"))
    assert "¿O lo descarto?" in said
    said = spanish(bot.say(sender, "descártalo"))
    assert "No guardé nada" in said and '"plan de seguridad"' in said
