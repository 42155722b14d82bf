"""Texts of a company's monthly statement (PDF, dashboard, e-mail)."""

PT_BR = {
    "statement.file_stem": "extrato",
    "statement.title": "Extrato de consultoria online — {month}",
    "statement.company": "Empresa: {name}",
    "statement.cnpj": "CNPJ: {cnpj}",
    "statement.generated": "Gerado em {when} (horário de Brasília).",
    "statement.column.day": "Data",
    "statement.column.hours": "Horário",
    "statement.column.contact": "Contato",
    "statement.column.consultant": "Consultor",
    "statement.column.area": "Área",
    "statement.column.medium": "Meio",
    "statement.column.duration": "Duração",
    "statement.column.periods": "Períodos",
    "statement.column.amount": "Valor",
    "statement.column.terms": "Termos",
    "statement.total.one": "Total: {count} sessão, {duration}, {periods} períodos — {amount}",
    "statement.total.other": "Total: {count} sessões, {duration}, {periods} períodos — {amount}",
    "statement.empty": "Nenhuma sessão de consultoria foi cobrada neste mês.",
    "statement.contact_unnamed": "(contato sem nome)",
    "statement.note": "Cada sessão é cobrada em períodos de {period} minutos iniciados, com o "
    "mínimo de {minimum} minutos, pela taxa contratada; a coluna Termos indica a versão dos "
    "termos aceita pelo contato antes da sessão.",
    "statement.written.one": "Extrato de {company} ({month}): {count} sessão, total {amount}, "
    "gravado em {path}.",
    "statement.written.other": "Extrato de {company} ({month}): {count} sessões, total "
    "{amount}, gravado em {path}.",
    "statement.mail.title": "Extrato de consultoria online de {month}",
    "statement.mail.text": "Segue o extrato de consultoria online de {company} referente a "
    "{month}: total {amount}. O PDF está em anexo.",
}

EN = {
    "statement.file_stem": "statement",
    "statement.title": "Online consulting statement — {month}",
    "statement.company": "Company: {name}",
    "statement.cnpj": "CNPJ: {cnpj}",
    "statement.generated": "Generated on {when} (Brasília time).",
    "statement.column.day": "Date",
    "statement.column.hours": "Time",
    "statement.column.contact": "Contact",
    "statement.column.consultant": "Consultant",
    "statement.column.area": "Area",
    "statement.column.medium": "Medium",
    "statement.column.duration": "Duration",
    "statement.column.periods": "Periods",
    "statement.column.amount": "Amount",
    "statement.column.terms": "Terms",
    "statement.total.one": "Total: {count} session, {duration}, {periods} periods — {amount}",
    "statement.total.other": "Total: {count} sessions, {duration}, {periods} periods — {amount}",
    "statement.empty": "No consulting session was billed this month.",
    "statement.contact_unnamed": "(unnamed contact)",
    "statement.note": "Each session is billed in started {period}-minute periods, at least "
    "{minimum} minutes, at the contracted rate; the Terms column gives the terms version the "
    "contact accepted before the session.",
    "statement.written.one": "Statement of {company} ({month}): {count} session, total {amount}, "
    "written to {path}.",
    "statement.written.other": "Statement of {company} ({month}): {count} sessions, total "
    "{amount}, written to {path}.",
    "statement.mail.title": "Online consulting statement for {month}",
    "statement.mail.text": "Here is {company}'s online consulting statement for {month}: "
    "total {amount}. The PDF is attached.",
}
