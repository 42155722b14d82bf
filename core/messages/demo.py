"""Texts of the ``consultoria demo-data`` command's printout."""

PT_BR = {
    "demo.company_created": "criada",  # a empresa
    "demo.account_created": "criada",  # a conta
    "demo.exists": "já existia",
    "demo.company": "Empresa: {name} ({state}) — código de acesso: {code}",
    "demo.chat": "Chat do cliente: {url}",
    "demo.console": "Console da equipe: {url}",
    "demo.account": "Conta {login} ({who}, {state}) — senha: {password}",
    "demo.kept": "(mantida; use --password para trocar)",
    "demo.consultant": "consultora, todas as áreas",
    "demo.manager": "admin, gerente e secretária",
}

EN = {
    "demo.company_created": "created",
    "demo.account_created": "created",
    "demo.exists": "already there",
    "demo.company": "Company: {name} ({state}) — access code: {code}",
    "demo.chat": "Client chat: {url}",
    "demo.console": "Staff console: {url}",
    "demo.account": "Account {login} ({who}, {state}) — password: {password}",
    "demo.kept": "(kept; use --password to change it)",
    "demo.consultant": "consultant, every area",
    "demo.manager": "admin, manager and secretary",
}
