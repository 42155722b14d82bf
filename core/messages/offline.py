"""Texts of offline messages: a client leaves a message while closed; the team answers it."""

PT_BR = {
    "offline.closed_now": "Estamos fora do horário de atendimento agora. Abrimos {weekday}, "
    "{when}.\nVocê pode deixar um recado para a equipe ou agendar um horário:",
    "offline.leave": "Deixar recado",
    "offline.ask": "Escreva o seu recado em uma mensagem de texto (até {limit} caracteres). A "
    "equipe vai vê-lo {weekday}, {when}. Para desistir, envie /cancelar.",
    "offline.ask.web": "Escreva o seu recado em uma mensagem de texto (até {limit} caracteres). "
    "A equipe vai vê-lo {weekday}, {when}. Para desistir, toque em Menu.",
    "offline.ask_open": "Escreva o seu recado em uma mensagem de texto (até {limit} "
    "caracteres). A equipe vai vê-lo em breve. Para desistir, envie /cancelar.",
    "offline.ask_open.web": "Escreva o seu recado em uma mensagem de texto (até {limit} "
    "caracteres). A equipe vai vê-lo em breve. Para desistir, toque em Menu.",
    "offline.text_only": "O recado aceita só texto, sem arquivos. Escreva a sua mensagem (até "
    "{limit} caracteres) ou envie /cancelar para desistir.",
    "offline.text_only.web": "O recado aceita só texto, sem arquivos. Escreva a sua mensagem "
    "(até {limit} caracteres) ou toque em Menu para desistir.",
    "offline.too_long": "O seu recado tem {length} caracteres; o limite é {limit}. Resuma e "
    "envie de novo.",
    "offline.kept": "Recado guardado. A equipe vai vê-lo {weekday}, {when}, e responde por aqui.",
    "offline.kept_open": "Recado guardado. A equipe já está atendendo e vai vê-lo em breve.",
    "offline.cancelled": "Recado cancelado. Nada foi enviado à equipe.",
    "offline.assigned_client": "{name}, da nossa equipe, viu o seu recado e vai responder em "
    "breve.",
    "offline.assigned_client_anonymous": "Alguém da nossa equipe viu o seu recado e vai "
    "responder em breve.",
    "offline.expired": "Esta opção expirou. Envie /start para ver o menu.",
    "offline.expired.web": "Esta opção expirou. Toque em Menu para ver as opções.",
    "offline.card.title": "Recado #{id}",
    "offline.card.text": "Recado de {contact} ({company}), deixado fora do horário.",
    "offline.card.company": "Empresa",
    "offline.card.contact": "Contato",
    "offline.card.area": "Área",
    "offline.card.left_at": "Deixado em",
    "offline.card.message": "Recado",
    "offline.card.take": "Vou responder",
    "offline.card.done": "Resolvido",
    "offline.card.assigned": "<@{by}> vai responder ao recado de {contact} ({company}).",
    "offline.card.resolved": "Recado de {contact} ({company}) resolvido por <@{by}> em {when}.",
    "offline.forbidden": "Só a equipe (consultores, secretárias e suporte) trata os recados.",
    "offline.not_found": "O recado {id} não existe.",
    "offline.already_resolved": "O recado {id} já foi resolvido por {name} em {when}.",
    "offline.already_assigned": "O recado {id} já está com {name}.",
    "offline.console.nav": "Recados",
    "offline.console.title": "Recados deixados fora do horário",
    "offline.console.open": "Em aberto",
    "offline.console.resolved": "Resolvidos recentemente",
    "offline.console.empty": "Nenhum recado em aberto.",
    "offline.console.none_resolved": "Nenhum recado resolvido ainda.",
    "offline.console.waiting": "Aguardando alguém da equipe",
    "offline.console.assigned": "Com {name} desde {when}",
    "offline.console.resolved_by": "Resolvido por {name} em {when}",
    "offline.console.read_only": "Os recados são tratados no Slack; aqui você só os vê.",
}

EN = {
    "offline.closed_now": "We are closed right now. We open {weekday}, {when}.\n"
    "You can leave the team a message or book a time:",
    "offline.leave": "Leave a message",
    "offline.ask": "Write your message in one text message (up to {limit} characters). The team "
    "will see it {weekday}, {when}. To give up, send /cancel.",
    "offline.ask.web": "Write your message in one text message (up to {limit} characters). The "
    "team will see it {weekday}, {when}. To give up, tap Menu.",
    "offline.ask_open": "Write your message in one text message (up to {limit} characters). The "
    "team will see it soon. To give up, send /cancel.",
    "offline.ask_open.web": "Write your message in one text message (up to {limit} "
    "characters). The team will see it soon. To give up, tap Menu.",
    "offline.text_only": "A message takes text only, no files. Write your message (up to "
    "{limit} characters) or send /cancel to give up.",
    "offline.text_only.web": "A message takes text only, no files. Write your message (up to "
    "{limit} characters) or tap Menu to give up.",
    "offline.too_long": "Your message has {length} characters; the limit is {limit}. Shorten it "
    "and send it again.",
    "offline.kept": "Message kept. The team will see it {weekday}, {when}, and answer here.",
    "offline.kept_open": "Message kept. The team is at work and will see it soon.",
    "offline.cancelled": "Message cancelled. Nothing was sent to the team.",
    "offline.assigned_client": "{name}, of our team, saw your message and will answer soon.",
    "offline.assigned_client_anonymous": "Someone of our team saw your message and will answer "
    "soon.",
    "offline.expired": "This option has expired. Send /start to see the menu.",
    "offline.expired.web": "This option has expired. Tap Menu to see the options.",
    "offline.card.title": "Message #{id}",
    "offline.card.text": "Message from {contact} ({company}), left while closed.",
    "offline.card.company": "Company",
    "offline.card.contact": "Contact",
    "offline.card.area": "Area",
    "offline.card.left_at": "Left at",
    "offline.card.message": "Message",
    "offline.card.take": "I'll answer",
    "offline.card.done": "Resolved",
    "offline.card.assigned": "<@{by}> will answer the message from {contact} ({company}).",
    "offline.card.resolved": "Message from {contact} ({company}) resolved by <@{by}> at {when}.",
    "offline.forbidden": "Only the team (consultants, secretaries and support) handles messages.",
    "offline.not_found": "Message {id} does not exist.",
    "offline.already_resolved": "Message {id} was already resolved by {name} at {when}.",
    "offline.already_assigned": "Message {id} is already with {name}.",
    "offline.console.nav": "Messages",
    "offline.console.title": "Messages left while closed",
    "offline.console.open": "Open",
    "offline.console.resolved": "Recently resolved",
    "offline.console.empty": "No open messages.",
    "offline.console.none_resolved": "No message resolved yet.",
    "offline.console.waiting": "Waiting for someone of the team",
    "offline.console.assigned": "With {name} since {when}",
    "offline.console.resolved_by": "Resolved by {name} at {when}",
    "offline.console.read_only": "Messages are handled in Slack; here you only see them.",
}
