"""Texts of billing records and the monthly export."""

PT_BR = {
    "billing.not_consulting": "Só sessões de Consultoria Online são cobradas; suporte é gratuito.",
    "billing.session_open": "A sessão ainda não terminou; a cobrança só é feita no encerramento.",
    "billing.already_billed": "A sessão {session_id} já foi cobrada.",
    "billing.no_consent": "A sessão {session_id} não tem aceite dos termos do cliente; "
    "nada será cobrado.",
    "billing.unknown_company": "Empresa {company_id} não encontrada.",
    "billing.export.total.one": "TOTAL ({count} sessão)",
    "billing.export.total.other": "TOTAL ({count} sessões)",
    "billing.export.written.one": "{count} sessão, total {amount}, gravada em {path}.",
    "billing.export.written.other": "{count} sessões, total {amount}, gravadas em {path}.",
    "billing.export.unwritable": "Não foi possível gravar {path}: {detail}.",
}

EN = {
    "billing.not_consulting": "Only Consultoria Online sessions are billed; support is free.",
    "billing.session_open": "The session has not ended yet; it is billed when it ends.",
    "billing.already_billed": "Session {session_id} has already been billed.",
    "billing.no_consent": "Session {session_id} has no accepted terms from the client; "
    "nothing will be billed.",
    "billing.unknown_company": "Company {company_id} not found.",
    "billing.export.total.one": "TOTAL ({count} session)",
    "billing.export.total.other": "TOTAL ({count} sessions)",
    "billing.export.written.one": "{count} session, total {amount}, written to {path}.",
    "billing.export.written.other": "{count} sessions, total {amount}, written to {path}.",
    "billing.export.unwritable": "Could not write {path}: {detail}.",
}
