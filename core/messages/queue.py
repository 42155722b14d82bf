"""Texts of the queue and dispatch (SPEC 5 step 6-7, SPEC 6): cards, offers, claims, status."""

PT_BR = {
    # The request card in the requests channel.
    "queue.card.title": "Solicitação #{id}: Consultoria Online",
    "queue.card.text": "{company}: {contact} aguarda um consultor.",
    "queue.card.company": "Empresa",
    "queue.card.contact": "Contato",
    "queue.card.area": "Área",
    "queue.card.area_unknown": "Não sei",
    "queue.card.description": "Descrição",
    "queue.card.waiting_since": "Aguardando desde",
    "queue.card.position": "Posição na fila (ao entrar)",
    "queue.card.accept": "Aceitar",
    "queue.card.taken": "Aceito por {name} às {time}.",
    "queue.card.left": "O cliente saiu da fila às {time}.",
    "queue.card.booking": "O cliente saiu da fila às {time} para agendar um horário.",
    "queue.card.raised": "Ainda sem consultor: aguardando há {minutes} min "
    "(aviso {count}). Quem puder, toque em Aceitar.",
    "queue.card.session_title": "Sessão #{session}: Consultoria Online",
    "queue.card.session_started": "Sessão iniciada às {time}: {consultant} atende {contact} "
    "({company}), área {area}.",
    # The offer by direct message to a consultant.
    "queue.offer.text": "Solicitação #{id} aguardando ({area}): {company}, {contact}",
    "queue.offer.description": "“{description}”",
    "queue.offer.since": "Na fila desde {time}.",
    "queue.offer.gone": "Solicitação #{id}: {outcome}",
    "queue.offer.taken": "aceita por {name}.",
    "queue.offer.left": "o cliente saiu da fila.",
    # The client's queue card.
    "queue.waiting.thread": "Enquanto aguarda na fila — {line}",
    "queue.closing.client": "Nosso horário de atendimento terminou e nenhum consultor assumiu "
    "o seu pedido ainda. Abrimos {weekday}, {when}. Você pode manter o seu lugar (o atendimento segue "
    "a ordem da fila, assim que abrirmos), agendar um horário ou sair da fila. Nada foi cobrado.",
    "queue.closing.keep": "Manter meu lugar",
    "queue.closing.kept": "Combinado: o pedido {id} continua na fila e será atendido na ordem a "
    "partir de {weekday}, {when}. Avisamos aqui quando um consultor assumir.",
    "queue.closing.consultant": "Fim do horário de atendimento. A sessão #{session} com {client} "
    "continua até você encerrá-la; a cobrança segue pelo tempo da sessão.",
    "queue.client.wait_about": "cerca de {wait}",
    "queue.client.wait_from_today": "a partir de {time}",
    "queue.client.wait_from_tomorrow": "a partir de {time} de amanhã",
    "queue.client.wait_from_day": "a partir de {weekday}, {date} às {time}",
    "queue.client.card": "Você está na fila da Consultoria Online.\n"
    "Posição: {position}\n"
    "Espera estimada: {wait} (estimativa pela duração média dos atendimentos "
    "recentes e pelo número de consultores da área).\n"
    "Avisamos aqui quando um consultor assumir.",
    "queue.client.leave": "Sair da fila",
    "queue.client.to_booking": "Agendar horário",
    "queue.client.left_card": "Você saiu da fila às {time}.",
    "queue.client.left": "Você saiu da fila. Nada foi cobrado. Envie /start quando quiser voltar.",
    "queue.client.left.web": "Você saiu da fila. Nada foi cobrado. Toque em Menu quando quiser "
    "voltar.",
    "queue.client.switched_card": "Você saiu da fila às {time} para agendar um horário.",
    "queue.client.taken_card": "Atendimento iniciado às {time}.",
    "queue.client.still_waiting": "Você continua na fila (posição {position}). Todos os "
    "consultores estão ocupados no momento; já avisamos a equipe de novo. Obrigado pela "
    "paciência.",
    "queue.client.assigned": "{name} vai fazer o seu atendimento agora. Escreva aqui a sua dúvida: as "
    "mensagens vão direto para o consultor.",
    "queue.not_in_queue": "Esta solicitação não está mais na fila.",
    "queue.no_consent": "Para entrar na fila, é preciso aceitar os termos da Consultoria Online.",
    "queue.not_yours": "Solicitação {id} não encontrada.",
    # Claims.
    "queue.claim.taken_by": "O pedido #{id} já foi aceito por {name}.",
    "queue.claim.yours_already": "Você já aceitou a solicitação #{id}.",
    "queue.claim.closed": "Estamos fora do horário de atendimento (abrimos {weekday}, {when}). Aceite só se "
    "você combinou este horário com o cliente: ele fica registrado como horário alternativo "
    "acordado na sessão e na cobrança.",
    "queue.claim.confirm_alternative": "Aceitar em horário alternativo acordado",
    "queue.claim.at_capacity.one": "Você já está no limite de {count} atendimento ao mesmo "
    "tempo. Encerre o atendimento antes de aceitar outro.",
    "queue.claim.at_capacity.other": "Você já está no limite de {count} atendimentos ao mesmo "
    "tempo. Encerre um atendimento antes de aceitar outro.",
    "queue.claim.inactive": "O seu cadastro de consultor está inativo.",
    "queue.claim.unknown_request": "Solicitação {id} não encontrada.",
    # Consultant status.
    "queue.status.unknown_consultant": "Você não está cadastrado como consultor "
    "(usuário {slack_user}). Peça a um administrador para cadastrá-lo.",
    "queue.status.invalid": "Status inválido: “{value}”. Use disponivel, ocupado ou ausente.",
    "queue.status.name.disponivel": "disponível",
    "queue.status.name.ocupado": "ocupado",
    "queue.status.name.ausente": "ausente",
    "queue.status.changed": "Seu status agora é: {status}.",
    "queue.status.still_busy.one": "Você está em {count} atendimento, o seu limite: o status "
    "fica ocupado até ele terminar.",
    "queue.status.still_busy.other": "Você está em {count} atendimentos, o seu limite: o status "
    "fica ocupado até um deles terminar.",
    "queue.status.report": "Status: {status}.\n"
    "Atendimentos em andamento: {open} de {limit}.\n"
    "Solicitações aguardando nas suas áreas ({areas}): {waiting}.",
    "queue.status.oldest": "A mais antiga aguarda desde {time}.",
    "queue.status.session_line": "• Sessão #{session}: {contact} ({company}), desde {time}",
}

EN = {
    "queue.card.title": "Request #{id}: Online Consulting",
    "queue.card.text": "{company}: {contact} is waiting for a consultant.",
    "queue.card.company": "Company",
    "queue.card.contact": "Contact",
    "queue.card.area": "Area",
    "queue.card.area_unknown": "Not sure",
    "queue.card.description": "Description",
    "queue.card.waiting_since": "Waiting since",
    "queue.card.position": "Queue position (on joining)",
    "queue.card.accept": "Accept",
    "queue.card.taken": "Accepted by {name} at {time}.",
    "queue.card.left": "The client left the queue at {time}.",
    "queue.card.booking": "The client left the queue at {time} to book a time.",
    "queue.card.raised": "Still no consultant: waiting for {minutes} min (reminder {count}). "
    "Whoever can, tap Accept.",
    "queue.card.session_title": "Session #{session}: Online Consulting",
    "queue.card.session_started": "Session started at {time}: {consultant} serves {contact} "
    "({company}), area {area}.",
    "queue.offer.text": "Request #{id} waiting ({area}): {company}, {contact}",
    "queue.offer.description": "“{description}”",
    "queue.offer.since": "In the queue since {time}.",
    "queue.offer.gone": "Request #{id}: {outcome}",
    "queue.offer.taken": "accepted by {name}.",
    "queue.offer.left": "the client left the queue.",
    "queue.waiting.thread": "While waiting in the queue — {line}",
    "queue.closing.client": "Our opening hours are over and no consultant has taken your "
    "request yet. We open {weekday}, {when}. You can keep your place (served in order as soon as "
    "we open), book a time or leave the queue. Nothing was billed.",
    "queue.closing.keep": "Keep my place",
    "queue.closing.kept": "Done: request {id} stays in the queue and is served in order from "
    "{weekday}, {when}. We will tell you here when a consultant takes it.",
    "queue.closing.consultant": "Opening hours are over. Session #{session} with {client} goes on "
    "until you end it; billing follows the session's time.",
    "queue.client.wait_about": "about {wait}",
    "queue.client.wait_from_today": "from {time}",
    "queue.client.wait_from_tomorrow": "from {time} tomorrow",
    "queue.client.wait_from_day": "from {weekday}, {date} at {time}",
    "queue.client.card": "You are in the Online Consulting queue.\n"
    "Position: {position}\n"
    "Estimated wait: {wait} (an estimate from the average length of recent sessions and "
    "the number of consultants of the area).\n"
    "We will tell you here when a consultant takes your request.",
    "queue.client.leave": "Leave the queue",
    "queue.client.to_booking": "Book a time",
    "queue.client.left_card": "You left the queue at {time}.",
    "queue.client.left": "You left the queue. Nothing was charged. Send /start whenever you "
    "want to come back.",
    "queue.client.left.web": "You left the queue. Nothing was charged. Tap Menu whenever you "
    "want to come back.",
    "queue.client.switched_card": "You left the queue at {time} to book a time.",
    "queue.client.taken_card": "Session started at {time}.",
    "queue.client.still_waiting": "You are still in the queue (position {position}). All "
    "consultants are busy right now; we have reminded the team. Thank you for your patience.",
    "queue.client.assigned": "{name} will attend to you now. Write your question here: your "
    "messages go straight to the consultant.",
    "queue.not_in_queue": "This request is no longer in the queue.",
    "queue.no_consent": "To join the queue, please accept the Online Consulting terms first.",
    "queue.not_yours": "Request {id} not found.",
    "queue.claim.taken_by": "Request #{id} was already accepted by {name}.",
    "queue.claim.yours_already": "You have already accepted request #{id}.",
    "queue.claim.closed": "We are outside the opening hours (we open {weekday}, {when}). Accept only if you "
    "agreed this time with the client: it is recorded as agreed alternative hours on the session "
    "and its billing.",
    "queue.claim.confirm_alternative": "Accept at agreed alternative hours",
    "queue.claim.at_capacity.one": "You are already at your limit of {count} session at once. "
    "End it before accepting another.",
    "queue.claim.at_capacity.other": "You are already at your limit of {count} sessions at "
    "once. End a session before accepting another.",
    "queue.claim.inactive": "Your consultant registration is inactive.",
    "queue.claim.unknown_request": "Request {id} not found.",
    "queue.status.unknown_consultant": "You are not registered as a consultant (user "
    "{slack_user}). Ask an administrator to register you.",
    "queue.status.invalid": "Invalid status: “{value}”. Use disponivel, ocupado or ausente.",
    "queue.status.name.disponivel": "available",
    "queue.status.name.ocupado": "busy",
    "queue.status.name.ausente": "away",
    "queue.status.changed": "Your status is now: {status}.",
    "queue.status.still_busy.one": "You are in {count} session, your limit: your status stays "
    "busy until it ends.",
    "queue.status.still_busy.other": "You are in {count} sessions, your limit: your status "
    "stays busy until one of them ends.",
    "queue.status.report": "Status: {status}.\n"
    "Sessions in progress: {open} of {limit}.\n"
    "Requests waiting in your areas ({areas}): {waiting}.",
    "queue.status.oldest": "The oldest has been waiting since {time}.",
    "queue.status.session_line": "• Session #{session}: {contact} ({company}), since {time}",
}
