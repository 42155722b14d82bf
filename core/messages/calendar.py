"""Texts of the calendar invites (event summary and description) and of the private feed."""

PT_BR = {
    "calendar.file_stem": "agendamento",
    "calendar.name": "Consultoria Online",
    "calendar.feed_name": "Consultoria Online — {name}",
    "calendar.summary": "Consultoria Online — {company} · {area}",
    "calendar.line.booking": "Consultoria Online nº {id}",
    "calendar.line.medium": "Meio: {medium}",
    "calendar.line.consultant": "Consultor(a): {consultant}",
    "calendar.line.company": "Empresa: {company}",
    "calendar.line.contact": "Contato: {contact}",
    "calendar.line.area": "Área: {area}",
    "calendar.line.alternative_hours": "Horário alternativo acordado.",
    "calendar.line.cancelled": "Cancelado.",
    "calendar.line.change_client": "Para remarcar ou cancelar, use o menu Meus agendamentos.",
    "calendar.nobody": "a definir",
    "calendar.no_contact": "a definir",
    "calendar.feed.title": "Agenda no Google Calendar ou Outlook",
    "calendar.feed.link": "Meus agendamentos no Google Calendar ou Outlook",
    "calendar.feed.intro": "Um endereço particular mostra os seus agendamentos no seu calendário "
    "(Google Calendar: Outras agendas › Do URL; Outlook: Adicionar calendário › Assinar da "
    "Web). Quem tiver o endereço vê os seus agendamentos: não o compartilhe.",
    "calendar.feed.none": "Nenhum endereço ativo.",
    "calendar.feed.active": "Endereço ativo desde {when}. Por segurança, ele só é mostrado "
    "quando é gerado; se o perdeu, gere um novo.",
    "calendar.feed.new_url": "Seu novo endereço (copie agora: ele não será mostrado de novo):",
    "calendar.feed.generate": "Gerar novo endereço",
    "calendar.feed.revoke": "Revogar",
    "calendar.feed.revoked": "Endereço revogado: o calendário deixa de receber os agendamentos.",
    "calendar.feed.not_consultant": "Só consultores têm uma agenda de agendamentos.",
    "calendar.feed.no_server": "O servidor HTTP do bot não está configurado: o endereço só "
    "funciona quando ele estiver no ar.",
    "calendar.feed.inactive": "{name} está com o cadastro inativo: não recebe endereço de agenda.",
    "calendar.cli.created": "Endereço da agenda de {name} (mostrado só agora): {url}",
    "calendar.cli.revoked": "Endereço da agenda de {name} revogado.",
    "calendar.cli.none": "{name} não tinha endereço de agenda ativo.",
}

EN = {
    "calendar.file_stem": "booking",
    "calendar.name": "Online Consulting",
    "calendar.feed_name": "Online Consulting — {name}",
    "calendar.summary": "Online Consulting — {company} · {area}",
    "calendar.line.booking": "Online Consulting no. {id}",
    "calendar.line.medium": "Medium: {medium}",
    "calendar.line.consultant": "Consultant: {consultant}",
    "calendar.line.company": "Company: {company}",
    "calendar.line.contact": "Contact: {contact}",
    "calendar.line.area": "Area: {area}",
    "calendar.line.alternative_hours": "Agreed alternative hours.",
    "calendar.line.cancelled": "Cancelled.",
    "calendar.line.change_client": "To reschedule or cancel, use the My bookings menu.",
    "calendar.nobody": "to be assigned",
    "calendar.no_contact": "to be named",
    "calendar.feed.title": "Calendar in Google Calendar or Outlook",
    "calendar.feed.link": "My bookings in Google Calendar or Outlook",
    "calendar.feed.intro": "A private address shows your bookings in your calendar (Google "
    "Calendar: Other calendars › From URL; Outlook: Add calendar › Subscribe from web). Anyone "
    "with the address sees your bookings: do not share it.",
    "calendar.feed.none": "No active address.",
    "calendar.feed.active": "Address active since {when}. For safety it is shown only when it "
    "is generated; if you lost it, generate a new one.",
    "calendar.feed.new_url": "Your new address (copy it now: it will not be shown again):",
    "calendar.feed.generate": "Generate a new address",
    "calendar.feed.revoke": "Revoke",
    "calendar.feed.revoked": "Address revoked: the calendar no longer receives the bookings.",
    "calendar.feed.not_consultant": "Only consultants have a bookings calendar.",
    "calendar.feed.no_server": "The bot's HTTP server is not configured: the address works only "
    "once it is up.",
    "calendar.feed.inactive": "{name} is inactive: no calendar address is made.",
    "calendar.cli.created": "Calendar address of {name} (shown only now): {url}",
    "calendar.cli.revoked": "Calendar address of {name} revoked.",
    "calendar.cli.none": "{name} had no active calendar address.",
}
