"""Texts of sessions (SPEC 5 steps 7-8, 6, 8): relay, specialist, transfer, on-site, end, rating."""

PT_BR = {
    # refusals
    "sessions.not_found": "Sessão {id} não encontrada.",
    "sessions.no_open_session": "Você não tem um atendimento em andamento.",
    "sessions.already_ended": "A sessão {id} já foi encerrada em {when}; nada foi alterado.",
    "sessions.client_end.already_ended": "Este atendimento já foi encerrado.",
    "sessions.not_participant": "Só quem participa da sessão {id} pode fazer isso.",
    "sessions.not_lead": "Só quem conduz a sessão {id} pode transferi-la.",
    # relay
    "sessions.relay.from_person": "{name}: {text}",
    "sessions.relay.sent_files": "{name} enviou {what}.",
    "sessions.file.photo": "uma foto",
    "sessions.file.document": "um documento",
    "sessions.file.voice": "uma mensagem de voz",
    "sessions.file.video": "um vídeo",
    "sessions.file.other": "um arquivo",
    "sessions.file.many": "{count} arquivos",
    "sessions.relay.not_a_session": "Esta conversa não é uma sessão de atendimento: a mensagem "
    "não foi enviada a nenhum cliente.",
    "sessions.relay.ended": "A sessão {id} já foi encerrada: a mensagem não foi enviada ao "
    "cliente.",
    "sessions.relay.not_participant": "Você não participa da sessão {id}: a mensagem não foi "
    "enviada ao cliente. Para entrar, peça a quem atende que chame você como especialista.",
    "sessions.relay.note_kept": "Nota interna registrada na sessão {id} (não enviada ao cliente).",
    "sessions.relay.note_empty": "Nota interna vazia: nada foi registrado.",
    "sessions.relay.attendant_joined": "<@{by}> assumiu este atendimento de suporte.",
    # specialist
    "sessions.specialist.who": "Informe o consultor ou a área do especialista.",
    "sessions.specialist.unknown_area": "Área desconhecida: {area}. Áreas: {areas}.",
    "sessions.specialist.none_free": "Nenhum consultor da área {area} está livre agora.",
    "sessions.specialist.inactive": "{name} não está ativo e não pode ser chamado.",
    "sessions.specialist.already": "{name} já participa da sessão {id}.",
    "sessions.specialist.thread": "<@{by}> chamou <@{slack}> ({name}) como especialista. "
    "A cobrança continua normalmente.",
    "sessions.specialist.dm": "{by} chamou você como especialista na sessão {id} ({company}, "
    "{contact}). Responda na thread da sessão.",
    "sessions.specialist.client": "{name} entrou na conversa para ajudar.",
    # transfer
    "sessions.transfer.same": "{name} já conduz a sessão {id}.",
    "sessions.transfer.thread": "Sessão transferida de {old} para <@{slack}> ({name}) por <@{by}>.",
    "sessions.transfer.dm": "{old} transferiu para você a sessão {id} ({company}, {contact}). "
    "Continue o atendimento na thread da sessão.",
    "sessions.transfer.client": "{name} continua o atendimento.",
    # on-site
    "sessions.onsite.reason_required": "Informe o motivo da recomendação de visita presencial.",
    "sessions.onsite.already": "A visita presencial já foi recomendada nesta sessão em {when}.",
    "sessions.onsite.card_title": "Pedido de visita presencial",
    "sessions.onsite.card_text": "{consultant} recomenda uma visita presencial à empresa "
    "{company}. Entrem em contato com o cliente para agendar.",
    "sessions.onsite.thread": "<@{by}> recomendou uma visita presencial: {reason}. O pedido foi "
    "enviado à equipe de consultoria presencial.",
    "sessions.onsite.client": "{name} recomenda uma visita presencial para este assunto: {reason}. "
    "A equipe de consultoria presencial vai entrar em contato com você para agendar. "
    "Este atendimento continua aberto até ser encerrado.",
    # card fields
    "sessions.field.company": "Empresa",
    "sessions.field.contact": "Contato",
    "sessions.field.consultant": "Consultor",
    "sessions.field.reason": "Motivo",
    "sessions.field.session": "Sessão",
    "sessions.presence.on_time": "Cliente presente às {time}.",
    "sessions.presence.late": "Cliente presente às {time}, {late} min após o horário agendado.",
    "sessions.presence.billing_now": "Cobrança a partir de {time}.",
    "sessions.presence.no_terms": "Sem aceite dos termos ainda: a cobrança começa no aceite.",
    "sessions.presence.already": "O cliente desta sessão já está presente (ou ela não é agendada).",
    "sessions.presence.button": "Cliente presente",
    "sessions.end.client_no_show": "Você não entrou no atendimento agendado e ele foi encerrado. "
    "{charge} Quer agendar outro horário?",
    "sessions.end.no_show_free": "Nada foi cobrado.",
    "sessions.end.no_show_minimum": "Foi cobrado o mínimo previsto nos termos.",
    "sessions.end.thread_no_show": "O cliente não apareceu em {minutes} min: sessão encerrada como "
    "ausência. {charge}",
    "sessions.end.card_no_show": "Encerrado — cliente ausente",
    "sessions.field.hours": "Horário",
    "sessions.alternative_hours": "Horário alternativo acordado com o cliente (fora do expediente).",
    "sessions.field.area": "Área",
    "sessions.field.description": "Assunto",
    "sessions.field.started": "Início",
    "sessions.field.ended": "Fim",
    "sessions.field.duration": "Duração",
    "sessions.field.periods": "Períodos",
    "sessions.field.rate": "Valor da hora",
    "sessions.field.amount": "Total",
    "sessions.field.none": "-",
    # end
    "sessions.end.by_client": "pelo cliente",
    "sessions.end.by_staff": "por <@{by}>",
    "sessions.end.thread_billed": "Sessão encerrada {by}.",
    "sessions.end.thread_unbilled": "Sessão encerrada {by} (duração: {duration}). Sem aceite dos "
    "termos: nada cobrado.",
    "sessions.end.thread_support": "Atendimento gratuito encerrado {by} (duração: {duration}).",
    "sessions.end.client_billed": "Atendimento encerrado. Obrigado!",
    "sessions.end.client_unbilled": "Atendimento encerrado. Nada foi cobrado por este atendimento.",
    "sessions.end.client_support": "Atendimento gratuito encerrado. Obrigado pelo contato!",
    "sessions.end.card_billed": "Encerrado — {duration}, {amount}",
    "sessions.end.card_unbilled": "Encerrado — {duration}, sem cobrança (sem aceite dos termos)",
    "sessions.end.card_support": "Encerrado — {duration}, atendimento gratuito",
    "sessions.billing_card.title": "Cobrança — sessão {id}",
    "sessions.billing_card.text": "Consultoria Online encerrada: {company}, {amount}.",
    # rating
    "sessions.rating.ask": "Como você avalia este atendimento? Escolha de 1 (ruim) a 5 (excelente).",
    "sessions.rating.label": "{stars} ⭐",
    "sessions.rating.thanks": "Obrigado pela avaliação: {stars} de 5!",
    "sessions.rating.invalid": "Escolha uma nota de 1 a 5.",
    "sessions.rating.already": "Este atendimento já foi avaliado ({stars} de 5). Obrigado!",
    "sessions.rating.not_ended": "Você poderá avaliar o atendimento quando ele terminar.",
    "sessions.rating.thread": "O cliente avaliou o atendimento: {stars} de 5.",
    # buttons
    "sessions.button.end": "Encerrar",
    "sessions.unreachable": "⚠️ {name} não recebe mais mensagens ({error}): bloqueou o bot ou "
    "apagou a conversa. O que você escrever não chega. Encerre o atendimento se não houver "
    "outro contato combinado.",
    "sessions.button.specialist": "Chamar especialista",
    "sessions.button.onsite": "Recomendar presencial",
    "sessions.button.transfer": "Transferir",
    "sessions.button.client_end": "Encerrar atendimento",
}

EN = {
    # refusals
    "sessions.not_found": "Session {id} not found.",
    "sessions.no_open_session": "You have no conversation in progress.",
    "sessions.already_ended": "Session {id} already ended on {when}; nothing was changed.",
    "sessions.client_end.already_ended": "This session has already ended.",
    "sessions.not_participant": "Only the people in session {id} can do that.",
    "sessions.not_lead": "Only the person leading session {id} can transfer it.",
    # relay
    "sessions.relay.from_person": "{name}: {text}",
    "sessions.relay.sent_files": "{name} sent {what}.",
    "sessions.file.photo": "a photo",
    "sessions.file.document": "a document",
    "sessions.file.voice": "a voice message",
    "sessions.file.video": "a video",
    "sessions.file.other": "a file",
    "sessions.file.many": "{count} files",
    "sessions.relay.not_a_session": "This conversation is not a session: the message was not "
    "sent to any client.",
    "sessions.relay.ended": "Session {id} has ended: the message was not sent to the client.",
    "sessions.relay.not_participant": "You are not in session {id}: the message was not sent to "
    "the client. To join, ask whoever is attending to call you in as a specialist.",
    "sessions.relay.note_kept": "Internal note stored in session {id} (not sent to the client).",
    "sessions.relay.note_empty": "Empty internal note: nothing was stored.",
    "sessions.relay.attendant_joined": "<@{by}> took this support conversation.",
    # specialist
    "sessions.specialist.who": "Give the specialist's consultant or area.",
    "sessions.specialist.unknown_area": "Unknown area: {area}. Areas: {areas}.",
    "sessions.specialist.none_free": "No consultant of area {area} is free now.",
    "sessions.specialist.inactive": "{name} is not active and cannot be called in.",
    "sessions.specialist.already": "{name} is already in session {id}.",
    "sessions.specialist.thread": "<@{by}> called in <@{slack}> ({name}) as a specialist. "
    "Billing goes on as usual.",
    "sessions.specialist.dm": "{by} called you in as a specialist in session {id} ({company}, "
    "{contact}). Answer in the session's thread.",
    "sessions.specialist.client": "{name} joined the conversation to help.",
    # transfer
    "sessions.transfer.same": "{name} already leads session {id}.",
    "sessions.transfer.thread": "Session transferred from {old} to <@{slack}> ({name}) by <@{by}>.",
    "sessions.transfer.dm": "{old} transferred session {id} ({company}, {contact}) to you. "
    "Carry on in the session's thread.",
    "sessions.transfer.client": "{name} carries on with your session.",
    # on-site
    "sessions.onsite.reason_required": "Give the reason for recommending an on-site visit.",
    "sessions.onsite.already": "An on-site visit was already recommended in this session on "
    "{when}.",
    "sessions.onsite.card_title": "On-site visit request",
    "sessions.onsite.card_text": "{consultant} recommends an on-site visit to {company}. "
    "Please contact the client to schedule it.",
    "sessions.onsite.thread": "<@{by}> recommended an on-site visit: {reason}. The request was "
    "sent to the on-site consulting team.",
    "sessions.onsite.client": "{name} recommends an on-site visit for this subject: {reason}. "
    "The on-site consulting team will contact you to schedule it. "
    "This conversation stays open until it is ended.",
    # card fields
    "sessions.field.company": "Company",
    "sessions.field.contact": "Contact",
    "sessions.field.consultant": "Consultant",
    "sessions.field.reason": "Reason",
    "sessions.field.session": "Session",
    "sessions.presence.on_time": "Client present at {time}.",
    "sessions.presence.late": "Client present at {time}, {late} min after the booked time.",
    "sessions.presence.billing_now": "Billing from {time}.",
    "sessions.presence.no_terms": "Terms not accepted yet: billing starts at the acceptance.",
    "sessions.presence.already": "This session's client is already present (or it is not booked).",
    "sessions.presence.button": "Client present",
    "sessions.end.client_no_show": "You did not join the booked session and it was closed. "
    "{charge} Would you like to book another time?",
    "sessions.end.no_show_free": "Nothing was charged.",
    "sessions.end.no_show_minimum": "The minimum stated in the terms was charged.",
    "sessions.end.thread_no_show": "The client did not show up within {minutes} min: session "
    "closed as a no-show. {charge}",
    "sessions.end.card_no_show": "Ended — client absent",
    "sessions.field.hours": "Hours",
    "sessions.alternative_hours": "Alternative hours agreed with the client (outside opening hours).",
    "sessions.field.area": "Area",
    "sessions.field.description": "Subject",
    "sessions.field.started": "Start",
    "sessions.field.ended": "End",
    "sessions.field.duration": "Duration",
    "sessions.field.periods": "Periods",
    "sessions.field.rate": "Hourly rate",
    "sessions.field.amount": "Total",
    "sessions.field.none": "-",
    # end
    "sessions.end.by_client": "by the client",
    "sessions.end.by_staff": "by <@{by}>",
    "sessions.end.thread_billed": "Session ended {by}.",
    "sessions.end.thread_unbilled": "Session ended {by} (duration: {duration}). No accepted "
    "terms: nothing billed.",
    "sessions.end.thread_support": "Free support conversation ended {by} (duration: {duration}).",
    "sessions.end.client_billed": "Your session has ended. Thank you!",
    "sessions.end.client_unbilled": "Your session has ended. Nothing was charged for it.",
    "sessions.end.client_support": "Free support conversation ended. Thank you for reaching out!",
    "sessions.end.card_billed": "Ended — {duration}, {amount}",
    "sessions.end.card_unbilled": "Ended — {duration}, not billed (no accepted terms)",
    "sessions.end.card_support": "Ended — {duration}, free support",
    "sessions.billing_card.title": "Billing — session {id}",
    "sessions.billing_card.text": "Consultoria Online ended: {company}, {amount}.",
    # rating
    "sessions.rating.ask": "How would you rate this session? Choose from 1 (poor) to 5 "
    "(excellent).",
    "sessions.rating.label": "{stars} ⭐",
    "sessions.rating.thanks": "Thank you for your rating: {stars} of 5!",
    "sessions.rating.invalid": "Choose a rating from 1 to 5.",
    "sessions.rating.already": "This session was already rated ({stars} of 5). Thank you!",
    "sessions.rating.not_ended": "You can rate the session once it has ended.",
    "sessions.rating.thread": "The client rated the session: {stars} of 5.",
    # buttons
    "sessions.button.end": "End",
    "sessions.unreachable": "⚠️ {name} no longer receives messages ({error}): they blocked the "
    "bot or deleted the chat. What you write does not reach them. End the session unless you "
    "agreed on another way to talk.",
    "sessions.button.specialist": "Call a specialist",
    "sessions.button.onsite": "Recommend on-site",
    "sessions.button.transfer": "Transfer",
    "sessions.button.client_end": "End session",
}
