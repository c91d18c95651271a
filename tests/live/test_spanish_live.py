"""Spanish over REST with the real servers (issue 12): a Spanish message gets Spanish replies for the menu,
crisis, an urge, a wound and helping someone; "hola", "gracias", "sí" and "no" work; English stays English.
Inputs are worded off the NLU examples (tests/test_risk_heldout_guard.py checks)."""

from tests.live.clicks import click
from tests.live.harness import buttons, texts


def test_hola_gets_the_spanish_welcome_and_menu_with_the_usual_payloads(bot, sender):
    reply = bot.say(sender, "hola")
    said = texts(reply)
    assert "chatbot" in said and "no una persona" in said
    assert "911" in said and "988" in said
    menu = buttons(reply)
    assert menu[0] == {"title": "Tengo ganas ahora mismo", "payload": "/self_harm_urge"}
    assert "/wound_care" in [b["payload"] for b in menu]


def test_gracias_gets_de_nada(bot, sender):
    bot.say(sender, "hola")
    assert "De nada" in texts(bot.say(sender, "gracias"))


def test_spanish_crisis_message_gets_911_and_988_in_spanish(bot, sender):
    said = texts(bot.say(sender, "la verdad es que ya no quiero vivir más"))
    assert said.index("911") < said.index("988")
    assert "marca 2" in said and "AYUDA" in said
    assert "no puedo enviar ayuda" in said


def test_after_a_spanish_crisis_the_next_reply_keeps_the_spanish_reminder(bot, sender):
    bot.say(sender, "ya no quiero vivir más")
    said = texts(bot.say(sender, "gracias"))
    assert "Si necesitas a alguien ahora" in said and "911" in said


def test_spanish_urge_gets_the_spanish_steps_and_no_to_the_check_stays_spanish(bot, sender):
    reply = bot.say(sender, "ahora mismo tengo muchísimas ganas de cortarme")
    assert "Gracias por contármelo" in texts(reply)
    reply = click(bot, sender, reply, "Esperar 15 minutos")
    assert "15 minutos" in texts(reply)
    assert "quitarte la vida" in reply[-1]["text"]
    said = texts(bot.say(sender, "no"))
    assert "Gracias por responder" in said and "988" in said


def test_si_to_the_spanish_check_gets_crisis_support_in_spanish(bot, sender):
    reply = bot.say(sender, "siento muchas ganas de hacerme daño esta noche")
    click(bot, sender, reply, "Dejar pasar la ola")
    said = texts(bot.say(sender, "sí"))
    assert "911" in said and "988" in said and "Si estás en peligro" in said


def test_spanish_wound_question_gets_the_spanish_first_aid_choices(bot, sender):
    reply = bot.say(sender, "me acabo de cortar el brazo, ¿cómo lo curo?")
    assert "911" in texts(reply)
    reply = click(bot, sender, reply, "Un corte que puedo cuidar")
    assert "Cuidar un corte" in texts(reply)


def test_spanish_helper_gets_the_helping_basics_in_spanish(bot, sender):
    reply = bot.say(sender, "mi mejor amiga se está cortando y no sé cómo ayudarla")
    said = texts(reply)
    assert "Dice mucho que busques formas de ayudar" in said
    assert "Qué decir cuando me lo cuente" in [b["title"] for b in buttons(reply)]


def test_switching_back_to_english_gets_english(bot, sender):
    bot.say(sender, "hola")
    reply = bot.say(sender, "can you show me the topics please")
    assert "What would you like to look at?" in texts(reply)


# --- found trying it as a Spanish speaker would (issue 12 audit): the follow-ups were English ------------


def test_gracias_after_hola_has_no_english_follow_up(bot, sender):
    bot.say(sender, "hola")
    reply = bot.say(sender, "gracias")
    said = texts(reply)
    assert "De nada" in said and "Would one of these" not in said
    assert all(b["title"] != "An urge right now" for b in buttons(reply))


def test_si_after_the_spanish_menu_gets_a_spanish_question_back(bot, sender):
    bot.say(sender, "hola buenas")
    said = texts(bot.say(sender, "si"))
    # es9: "si" is a yes now (resources/dialogue.yml), read like "yes" after the menu, and still answered in Spanish.
    assert "¿" in said and "Sorry" not in said and "Would" not in said, said


def test_the_extra_lines_after_a_spanish_crisis_reply_are_spanish(bot, sender):
    said = texts(bot.say(sender, "no puedo más con esto, quiero quitarme la vida"))
    assert "Algunas líneas más" in said and "Marca 2-1-1" in said and "Línea de Crisis para Veteranos" in said
    assert "1-866-488-7386" in said and "no es 24/7" in said
    assert "A few more lines" not in said and "Dial 2-1-1" not in said and "Veterans Crisis Line" not in said


def test_an_english_crisis_keeps_the_english_extra_lines(bot, sender):
    said = texts(bot.say(sender, "honestly i dont want to be alive anymore"))
    assert "A few more lines" in said and "Dial 2-1-1" in said and "Algunas" not in said


def test_gracias_after_a_spanish_crisis_reply_gets_the_spanish_follow_up(bot, sender):
    bot.say(sender, "ya no quiero vivir más")
    reply = bot.say(sender, "gracias")
    said = texts(reply)
    assert "Sigo aquí contigo" in said and "988" in said
    assert "I'm still here" not in said and "Are you safe" not in said
    assert "Por ahora estoy a salvo" in [b["title"] for b in buttons(reply)]


# --- content7: ordinary Spanish messages got "fuera de lo que puedo ayudar" or the helper flow -----------------


def test_feeling_bad_in_spanish_is_met_as_someone_sharing_how_they_feel_in_spanish(bot, sender):
    reply = bot.say(sender, "me siento muy mal y no se que hacer")
    said = texts(reply)
    assert "Gracias por contármelo" in said and "988" in said
    assert "fuera de lo que puedo ayudar" not in said and "outside what I can help with" not in said
    assert "Thank you for telling me" not in said
    assert "/peer_support" in [b["payload"] for b in buttons(reply)]


def test_wanting_to_talk_to_someone_in_spanish_reaches_the_contact_handoff(bot, sender):
    reply = bot.say(sender, "quiero hablar con alguien")
    said = texts(reply)
    assert "katherine.mcmullan@ct.gov" in said and "988" in said
    assert "También puedo pasar una solicitud" in said
    assert "Dice mucho que busques formas de ayudar" not in said  # not the helping-someone flow
    said = texts(bot.say(sender, "mmm no gracias"))
    assert "No se envió ni se guardó nada" in said and "Would one of these help" not in said


def test_a_half_spanish_evening_vent_then_asking_for_a_person(bot, sender):
    bot.say(sender, "holaa")
    said = texts(bot.say(sender, "ay no se, hoy me siento re mal la vdd"))
    assert "Gracias por contármelo" in said and "outside what I can help with" not in said
    said = texts(bot.say(sender, "ok pero puedo hablar con una persona real??"))
    assert "katherine.mcmullan@ct.gov" in said and "También puedo pasar una solicitud" in said


# content8: after the fainting / not-eating reply the follow-ups and the ER-fear answers were English, and the contact
# handoff's program text was English in a Spanish conversation.
def test_after_fainting_in_spanish_the_follow_ups_and_the_er_fear_answer_are_spanish(bot, sender):
    assert "911" in texts(bot.say(sender, "casi no como desde hace días y hoy me desmayé en el baño"))
    check = bot.say(sender, "no sé qué hacer ahora")
    said = texts(check)
    assert "Sigo aquí" in said and "911" in said and "I'm still here" not in said
    said = texts(click(bot, sender, check, "¿Debería comer algo?"))
    assert "Comer es el camino correcto" in said and "right direction" not in said
    said = texts(click(bot, sender, check, "Me da miedo la sala de emergencias"))
    assert "Ese miedo tiene sentido" in said and "1-877-402-2299" in said and "That fear makes sense" not in said


def test_the_contact_handoff_program_text_is_spanish(bot, sender):
    said = texts(bot.say(sender, "necesito hablar con alguien del programa por favor"))
    assert "servicios de reducción de daños" in said and "No es una línea de crisis" in said
    assert "harm-reduction services" not in said and "working days" not in said


# --- es9: a texting-style review in Spanish -------------------------------------------------------------------


def test_not_hungry_for_days_and_dizzy_gets_a_doctor_soon_then_fainting_gets_911(bot, sender):
    said = texts(bot.say(sender, "llevo como 3 dias sin hambre y ando mareada"))
    assert "médico pronto" in said and "911" in said and "desmayas" in said, said
    assert "Suena muy difícil" not in said
    said = texts(bot.say(sender, "y hoy casi no comí y me desmayé en el baño"))
    assert said.index("911") < said.index("988") and "Acuéstate" in said, said


def test_after_a_spanish_overdose_reply_called_and_not_going_stay_spanish(bot, sender):
    bot.say(sender, "me tome como 20 pastillas de mi mama hace rato")
    said = texts(bot.say(sender, "ya llamé al 911"))
    assert "Gracias por hacerlo" in said and "I'm still here" not in said, said
    said = texts(bot.say(sender, "es que no quiero ir"))
    assert "Ese miedo tiene sentido" in said and "911" in said and "Poison Help is" not in said, said
    said = texts(bot.say(sender, "y que hago mientras?"))
    assert "Sigo" in said and "I'm still here" not in said and "didn't" not in said, said


def test_after_a_spanish_bleeding_reply_still_bleeding_and_stopped_are_spanish(bot, sender):
    bot.say(sender, "me corte el brazo y la sangre no para")
    said = texts(bot.say(sender, "sigue sangrando mucho"))
    assert "10 minutos" in said and "911" in said and "Keep pressing" not in said, said
    said = texts(bot.say(sender, "ya paró por fin"))
    assert "Me alegra que haya bajado" in said, said


def test_spanish_contact_request_steps_are_spanish_and_cancelar_leaves_it(bot, sender):
    bot.say(sender, "hola, quisiera que alguien del programa me contacte")
    said = texts(bot.say(sender, "sí porfa, me gustaría"))
    assert "número de teléfono o un correo" in said and "How would you like" not in said, said
    said = texts(bot.say(sender, "cancelar"))
    assert "no he enviado ni guardado nada" in said and "doesn't look like" not in said, said


def test_spanish_contact_request_olvidalo_asks_to_keep_in_spanish(bot, sender):
    bot.say(sender, "me gustaria hablar con alguien del personal del programa")
    bot.say(sender, "si")
    said = texts(bot.say(sender, "860-555-0144"))
    assert "buen momento para contactarte" in said, said
    said = texts(bot.say(sender, "olvidalo"))
    assert "No se ha enviado nada" in said and "doesn't look like" not in said, said


def test_a_spanish_crisis_message_mid_form_gets_the_crisis_reply_in_spanish(bot, sender):
    bot.say(sender, "quiero que alguien del programa me llame")
    said = texts(bot.say(sender, "si"))
    assert "número de teléfono o un correo" in said, said
    said = texts(bot.say(sender, "es que ya no quiero seguir viviendo"))
    assert said.index("911") < said.index("988") and "no puedo enviar ayuda" in said, said
    assert "no parece un número" not in said


def test_crying_with_chest_pain_in_spanish_names_911_and_asks_no_suicide_question(bot, sender):
    said = texts(bot.say(sender, "no paro de llorar desde anoche y me duele el pecho"))
    assert "911" in said and "pecho" in said and "Tienes pensamientos de quitarte la vida" not in said, said


# --- es10: found talking to the bot in Spanish ----------------------------------------------------------------


def test_creo_que_si_to_the_suicide_question_gets_the_reply_for_not_being_sure(bot, sender):
    reply = bot.say(sender, "esta noche tengo unas ganas enormes de lastimarme")
    reply = click(bot, sender, reply, "Dejar pasar la ola")
    assert "quitarte la vida" in reply[-1]["text"]
    said = texts(bot.say(sender, "mmm creo que sí"))
    assert "no estar seguro" in said and "911" in said and "988" in said, said


def test_dying_of_embarrassment_is_a_joke_but_dying_for_real_gets_the_crisis_reply(bot, sender):
    bot.say(sender, "hola")
    said = texts(bot.say(sender, "hoy me tropecé enfrente de todo el salón, me quiero morir de la vergüenza jaja"))
    assert "911" not in said and "quitarte la vida" not in said and "no puedo enviar ayuda" not in said, said
    said = texts(bot.say(sender, "y luego mi amiga se cayó también, me muero de risa"))
    assert "911" not in said and "quitarte la vida" not in said, said
    said = texts(bot.say(sender, "pero ya en serio, a veces me quiero morir de verdad"))
    assert said.index("911") < said.index("988") and "no puedo enviar ayuda" in said, said


def test_y_si_me_desmayo_after_the_dizziness_reply_gets_what_to_do_not_the_whole_emergency(bot, sender):
    said = texts(bot.say(sender, "casi no he comido esta semana y me mareo cada vez que me levanto"))
    assert "médico pronto" in said, said
    said = texts(bot.say(sender, "¿y si me desmayo?"))
    assert "acuéstate" in said and "911" in said and "médico pronto" in said, said
    assert "Para apoyo con la comida" not in said and "If you faint" not in said, said


def test_the_spanish_contact_requests_email_step_is_spanish(bot, sender):
    bot.say(sender, "hola, quisiera que alguien del programa me contacte")
    said = texts(bot.say(sender, "sí porfa, me gustaría"))
    assert "número de teléfono o un correo" in said, said
    said = texts(bot.say(sender, "mejor por correo"))
    assert "Claro, el personal puede escribirte por correo" in said and "Sure" not in said, said
    said = texts(bot.say(sender, "es ana punto ruiz en gmail"))
    assert "no parece un correo electrónico" in said and "doesn't look like" not in said, said
    said = texts(bot.say(sender, "ana.ruiz@example.com"))
    assert "buen momento para contactarte" in said, said


def test_a_cut_typed_without_accents_gets_spanish_wound_care_and_the_fear_of_being_found_out_is_met(bot, sender):
    """Session 23's new-user run: "me corte" (no accent) got "Perdón, no te entendí"."""
    said = texts(bot.say(sender, "me corte otra vez anoche"))
    assert "qué tan grave es" in said and "no te entendí" not in said, said
    said = texts(bot.say(sender, "no quiero que mis papás se enteren"))
    assert "Tú decides a quién se lo cuentas" in said and "988" not in said, said
