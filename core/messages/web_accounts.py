"""Texts of staff web accounts (``consultoria staff add --login``, ``passwd``, ``disable``,
``enable``)."""

PT_BR = {
    "web_accounts.invalid_login": "Login inválido: '{value}'. Use de 3 a 64 caracteres: letras "
    "minúsculas, números, ponto, hífen, sublinhado ou @, começando por letra ou número.",
    "web_accounts.password_too_short": "Senha curta demais: use ao menos {minimum} caracteres.",
    "web_accounts.password_too_long": "Senha longa demais: use no máximo {maximum} caracteres.",
    "web_accounts.password_required": "Informe a senha da nova conta (--password-stdin ou "
    "digite quando pedida).",
    "web_accounts.password_empty": "Nenhuma senha recebida na entrada padrão; nada foi alterado.",
    "web_accounts.password_mismatch": "As senhas digitadas não conferem; nada foi alterado.",
    "web_accounts.unknown_language": "Idioma desconhecido: '{value}'. Use um destes: {valid}.",
    "web_accounts.unknown_login": "Não há conta web com o login '{login}'. Veja as contas com "
    "'consultoria staff list'.",
    "web_accounts.role_or_login": "Informe --role, --login ou ambos (veja --help).",
    "web_accounts.slack_user_required": "Informe --slack-user para dar um papel sem conta web "
    "(ou --login para criar a conta).",
    "web_accounts.created": "Conta web '{login}' criada para {staff_key}.",
    "web_accounts.created_key": "Conta web '{login}' criada. Chave de equipe gerada: {staff_key} "
    "(use-a em 'consultoria consultant add --slack-user {staff_key}' se for consultor).",
    "web_accounts.updated": "Conta web '{login}' ({staff_key}) alterada.",
    "web_accounts.password_changed": "Senha da conta web '{login}' alterada; as sessões abertas "
    "foram encerradas.",
    "web_accounts.disabled": "Conta web '{login}' desativada; as sessões abertas foram encerradas.",
    "web_accounts.still_disabled": "A conta web '{login}' está desativada e continua assim: "
    "ela não entra. Para reativá-la: consultoria staff enable {login}",
    "web_accounts.enabled": "Conta web '{login}' reativada: ela pode entrar de novo com a senha "
    "atual.",
    "web_accounts.password_prompt": "Senha",
    "web_accounts.password_again": "Repita a senha",
    "web_accounts.headers": "Login|Chave|Nome|Ativa",
}

EN = {
    "web_accounts.invalid_login": "Invalid login: '{value}'. Use 3 to 64 characters: lower-case "
    "letters, digits, dot, hyphen, underscore or @, starting with a letter or digit.",
    "web_accounts.password_too_short": "Password too short: use at least {minimum} characters.",
    "web_accounts.password_too_long": "Password too long: use at most {maximum} characters.",
    "web_accounts.password_required": "Give the new account's password (--password-stdin or "
    "type it when asked).",
    "web_accounts.password_empty": "No password received on standard input; nothing changed.",
    "web_accounts.password_mismatch": "The passwords typed do not match; nothing changed.",
    "web_accounts.unknown_language": "Unknown language: '{value}'. Use one of: {valid}.",
    "web_accounts.unknown_login": "There is no web account with the login '{login}'. See the "
    "accounts with 'consultoria staff list'.",
    "web_accounts.role_or_login": "Give --role, --login or both (see --help).",
    "web_accounts.slack_user_required": "Give --slack-user to grant a role without a web account "
    "(or --login to create the account).",
    "web_accounts.created": "Web account '{login}' created for {staff_key}.",
    "web_accounts.created_key": "Web account '{login}' created. Generated staff key: {staff_key} "
    "(use it in 'consultoria consultant add --slack-user {staff_key}' for a consultant).",
    "web_accounts.updated": "Web account '{login}' ({staff_key}) updated.",
    "web_accounts.password_changed": "Password of the web account '{login}' changed; open "
    "sessions were signed out.",
    "web_accounts.disabled": "Web account '{login}' disabled; open sessions were signed out.",
    "web_accounts.still_disabled": "The web account '{login}' is disabled and stays so: it "
    "cannot sign in. To enable it again: consultoria staff enable {login}",
    "web_accounts.enabled": "Web account '{login}' enabled: it can sign in again with its "
    "current password.",
    "web_accounts.password_prompt": "Password",
    "web_accounts.password_again": "Repeat the password",
    "web_accounts.headers": "Login|Key|Name|Active",
}
