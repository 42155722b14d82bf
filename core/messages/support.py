"""Texts of free technical support and its conversion into paid consulting (SPEC 4)."""

PT_BR = {
    "support.started": "Certo! Um atendente do suporte técnico vai responder aqui em "
    "instantes. Escreva a sua dúvida; pode enviar fotos e arquivos. O suporte técnico é "
    "gratuito.",
    "support.started_closed": "Certo! Estamos fora do horário de atendimento agora; abrimos "
    "{weekday}, {when}. Escreva a sua dúvida aqui (pode enviar fotos e arquivos): ela fica "
    "guardada e um atendente do suporte técnico responde assim que abrirmos. O suporte técnico "
    "é gratuito.",
    "support.already_open": "Você já está em uma conversa de suporte técnico. Escreva aqui "
    "para falar com o atendente.",
    "support.queued": "Você está na fila da Consultoria Online (pedido {id}). Para usar o "
    "suporte técnico, saia da fila antes com /cancelar.",
    "support.card.title": "Suporte técnico",
    "support.card.text": "{name} ({company}) pediu suporte técnico. Responda nesta conversa.",
    "support.card.company": "Empresa",
    "support.card.contact": "Contato",
    "support.card.product_line": "Linha de produto",
    "support.card.since": "Desde",
    "support.end": "Encerrar",
    "support.convert": "Converter em consultoria",
    "support.ask_convert": "Quero Consultoria Online",
    "support.nudge": "{mention}Esta conversa de suporte passou de {minutes} minutos. Se for um "
    "treinamento (como fazer algo no sistema), ofereça a Consultoria Online: explique a "
    "cobrança ({rate} por hora, em períodos de {period} minutos) e toque em Converter em "
    "consultoria.",
    "support.forbidden": "Somente atendentes do suporte ou consultores podem converter uma "
    "conversa em consultoria.",
    "support.not_found": "Conversa {id} não encontrada.",
    "support.convert.closed": "Estamos fora do horário de atendimento (abrimos {weekday}, {when}). "
    "Converta só se você combinou este horário com o cliente: ele fica registrado como horário "
    "alternativo acordado na sessão e na cobrança.",
    "support.convert.confirm_alternative": "Converter em horário alternativo acordado",
    "support.convert.closed_client": "A consultoria paga funciona no horário de atendimento; "
    "abrimos {weekday}, {when}. Fora dele, só em horário combinado com o atendente. Nada foi "
    "cobrado; a conversa continua como suporte gratuito.",
    "support.not_open": "Esta conversa já foi encerrada ou já é Consultoria Online.",
    "support.no_support": "Você não está em uma conversa de suporte técnico.",
    "support.convert_unavailable": "A Consultoria Online não está disponível para esta "
    "empresa ({company}, linha de produto {product_line}); a conversa continua como "
    "suporte gratuito.",
    "support.convert.client_intro": "Esta conversa pode continuar como Consultoria Online, "
    "que é paga. Confira os termos abaixo: a cobrança só começa se você aceitar.",
    "support.convert.sent_by": "<@{by}> enviou ao cliente os termos da Consultoria Online. "
    "A cobrança começa quando o cliente aceitar.",
    "support.convert.asked": "O cliente pediu para continuar como Consultoria Online; os "
    "termos foram enviados. A cobrança começa quando o cliente aceitar.",
    "support.converted.client": "Aceite registrado. A partir de agora ({time}) este "
    "atendimento é Consultoria Online, a {rate} por hora.",
    "support.converted.thread": "O cliente aceitou os termos às {time}: esta conversa agora "
    "é Consultoria Online, cobrada a partir de agora a {rate} por hora.",
    "support.refused.client": "Tudo bem: nada será cobrado. Seguimos no suporte técnico gratuito.",
    "support.refused.thread": "O cliente não aceitou os termos; a conversa continua como "
    "suporte gratuito.",
    "support.handover.pick": "Converter em consultoria: depois do aceite do cliente, para "
    "quem vai o atendimento?",
    "support.handover.to_area": "Consultores de {area}",
    "support.handover.to_anyone": "Qualquer consultor",
    "support.handover.keep": "Eu atendo ({area})",
    "support.handover.keep_any": "Eu atendo",
    "support.handover.plan_queue": "Depois do aceite, o pedido vai para a fila dos consultores "
    "({area}) à frente de quem chegou depois; a cobrança começa quando um consultor assumir.",
    "support.handover.plan_keep": "Depois do aceite, {name} atende como consultor; a cobrança "
    "começa no aceite.",
    "support.handover.unknown_area": "Área desconhecida: {area}.",
    "support.handover.keep_not_consultant": "Só um consultor ativo pode ficar com o "
    "atendimento; escolha uma área para encaminhar.",
    "support.handover.keep_other_area": "Você não atende a área {area}; encaminhe aos "
    "consultores dela.",
    "support.handover.already": "Esta conversa já foi encaminhada a um consultor (pedido {id}).",
    "support.handover.client": "Aceite registrado. Um consultor ({area}) vai assumir este "
    "atendimento, antes de quem chegou depois. A cobrança só começa quando o "
    "consultor assumir; até lá, pode continuar escrevendo aqui.",
    "support.handover.thread": "O cliente aceitou os termos. Encaminhado aos consultores "
    "({area}) como pedido {id}: a cobrança começa quando um consultor assumir. Até lá esta "
    "conversa segue como suporte gratuito.",
    "support.handover.history": "Conversa no suporte técnico até aqui:\n{lines}",
    "support.handover.no_history": "(nenhuma mensagem trocada no suporte)",
    "support.handover.taken": "{name} assumiu o atendimento às {time} (pedido {id}); a conversa "
    "continua na conversa do pedido, no canal de pedidos.",
}

EN = {
    "support.started": "All right! A technical support attendant will answer here shortly. "
    "Write your question; you can send photos and files. Technical support is free.",
    "support.started_closed": "All right! We are outside the opening hours now; we open "
    "{weekday}, {when}. Write your question here (you can send photos and files): it is kept, "
    "and a technical support attendant answers as soon as we open. Technical support is free.",
    "support.already_open": "You are already in a technical support conversation. Write here "
    "to talk to the attendant.",
    "support.queued": "You are in the Online Consulting queue (request {id}). To use "
    "technical support, leave the queue first with /cancelar.",
    "support.card.title": "Technical support",
    "support.card.text": "{name} ({company}) asked for technical support. Answer in this thread.",
    "support.card.company": "Company",
    "support.card.contact": "Contact",
    "support.card.product_line": "Product line",
    "support.card.since": "Since",
    "support.end": "End",
    "support.convert": "Convert to consulting",
    "support.ask_convert": "I want Online Consulting",
    "support.nudge": "{mention}This support conversation has passed {minutes} minutes. If it "
    "is training (how to do something in the system), offer Online Consulting: explain the "
    "charge ({rate} per hour, in {period}-minute periods) and tap Convert to consulting.",
    "support.forbidden": "Only support attendants or consultants may convert a conversation "
    "into consulting.",
    "support.not_found": "Conversation {id} not found.",
    "support.convert.closed": "We are outside the opening hours (we open {weekday}, {when}). "
    "Convert only if you agreed this time with the client: it is recorded as agreed alternative "
    "hours on the session and its billing.",
    "support.convert.confirm_alternative": "Convert at agreed alternative hours",
    "support.convert.closed_client": "Paid consulting runs during opening hours; we open "
    "{weekday}, {when}. Outside them, only at a time agreed with the attendant. Nothing was "
    "billed; the conversation goes on as free support.",
    "support.not_open": "This conversation has ended or is already Online Consulting.",
    "support.no_support": "You are not in a technical support conversation.",
    "support.convert_unavailable": "Online Consulting is not available for this company "
    "({company}, product line {product_line}); the conversation stays free support.",
    "support.convert.client_intro": "This conversation can go on as Online Consulting, which "
    "is paid. Please read the terms below: billing only starts if you accept.",
    "support.convert.sent_by": "<@{by}> sent the client the Online Consulting terms. Billing "
    "starts when the client accepts.",
    "support.convert.asked": "The client asked to go on as Online Consulting; the terms were "
    "sent. Billing starts when the client accepts.",
    "support.converted.client": "Acceptance recorded. From now on ({time}) this is Online "
    "Consulting, at {rate} per hour.",
    "support.converted.thread": "The client accepted the terms at {time}: this conversation "
    "is now Online Consulting, billed from now on at {rate} per hour.",
    "support.refused.client": "All right: nothing will be billed. We go on with free "
    "technical support.",
    "support.refused.thread": "The client did not accept the terms; the conversation stays "
    "free support.",
    "support.handover.pick": "Convert to consulting: once the client accepts, who attends them?",
    "support.handover.to_area": "Consultants of {area}",
    "support.handover.to_anyone": "Any consultant",
    "support.handover.keep": "I attend ({area})",
    "support.handover.keep_any": "I attend",
    "support.handover.plan_queue": "Once accepted, the request goes to the consultants' queue "
    "({area}) ahead of those who came later; billing starts when a consultant takes over.",
    "support.handover.plan_keep": "Once accepted, {name} attends as the consultant; billing "
    "starts at the acceptance.",
    "support.handover.unknown_area": "Unknown area: {area}.",
    "support.handover.keep_not_consultant": "Only an active consultant may keep the client; "
    "choose an area to hand over to.",
    "support.handover.keep_other_area": "You do not serve {area}; hand over to its consultants.",
    "support.handover.already": "This conversation was already handed over to a consultant "
    "(request {id}).",
    "support.handover.client": "Acceptance recorded. A consultant ({area}) will take over: "
    "you are served before those who came later. Billing only starts when the consultant "
    "takes over; until then you can keep writing here.",
    "support.handover.thread": "The client accepted the terms. Handed over to the consultants "
    "({area}) as request {id}: billing starts when a consultant takes over. Until then this "
    "conversation stays free support.",
    "support.handover.history": "The technical support conversation so far:\n{lines}",
    "support.handover.no_history": "(no messages exchanged in support)",
    "support.handover.taken": "{name} took over at {time} (request {id}); the conversation "
    "goes on in the request's thread, in the requests channel.",
}
