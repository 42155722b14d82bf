"""Texts of the session recap: the button, its answers, the document and its e-mail."""

PT_BR = {
    "recap.button": "📄 Receber a conversa",
    "recap.sending": "📄 Conversa enviada",
    "recap.sent": "Aqui está a conversa do atendimento #{id}.",
    "recap.sent_mail": "Aqui está a conversa do atendimento #{id}. Uma cópia também vai para o "
    "seu e-mail.",
    "recap.already": "A conversa deste atendimento já foi enviada em {when}.",
    "recap.purged": "A conversa deste atendimento já não está guardada: as mensagens são "
    "apagadas {hours} horas depois do atendimento, e ela não foi pedida antes disso.",
    "recap.not_ended": "A conversa fica disponível quando o atendimento terminar.",
    "recap.file_stem": "conversa",
    "recap.title": "Conversa do atendimento #{id}",
    "recap.heading.company": "Empresa",
    "recap.heading.consultant": "Atendimento por",
    "recap.heading.area": "Área",
    "recap.heading.medium": "Meio",
    "recap.heading.start": "Início",
    "recap.heading.end": "Fim",
    "recap.heading.duration": "Duração",
    "recap.heading.periods": "Períodos cobrados",
    "recap.heading.amount": "Valor",
    "recap.free": "Sem cobrança",
    "recap.not_billed": "—",
    "recap.messages": "Mensagens",
    "recap.empty": "Nenhuma mensagem foi trocada neste atendimento.",
    "recap.files": "Arquivos: {names}",
    "recap.generated": "Gerado em {when} (horário de Brasília). Notas internas da equipe não "
    "fazem parte da conversa.",
    "recap.mail.title": "Conversa do atendimento #{id}",
    "recap.mail.text": "Segue a conversa do atendimento #{id} com {company}, de {day}, em PDF "
    "e HTML.",
}

EN = {
    "recap.button": "📄 Get the conversation",
    "recap.sending": "📄 Conversation sent",
    "recap.sent": "Here is the conversation of session #{id}.",
    "recap.sent_mail": "Here is the conversation of session #{id}. A copy also goes to your "
    "e-mail.",
    "recap.already": "This session's conversation was already sent on {when}.",
    "recap.purged": "This session's conversation is no longer kept: messages are deleted "
    "{hours} hours after the session, and it was not asked for before that.",
    "recap.not_ended": "The conversation is available once the session has ended.",
    "recap.file_stem": "conversation",
    "recap.title": "Conversation of session #{id}",
    "recap.heading.company": "Company",
    "recap.heading.consultant": "Attended by",
    "recap.heading.area": "Area",
    "recap.heading.medium": "Medium",
    "recap.heading.start": "Start",
    "recap.heading.end": "End",
    "recap.heading.duration": "Duration",
    "recap.heading.periods": "Billed periods",
    "recap.heading.amount": "Amount",
    "recap.free": "Not billed",
    "recap.not_billed": "—",
    "recap.messages": "Messages",
    "recap.empty": "No messages were exchanged in this session.",
    "recap.files": "Files: {names}",
    "recap.generated": "Generated on {when} (Brasília time). The team's internal notes are not "
    "part of the conversation.",
    "recap.mail.title": "Conversation of session #{id}",
    "recap.mail.text": "Attached is the conversation of session #{id} with {company}, of {day}, "
    "as PDF and HTML.",
}
