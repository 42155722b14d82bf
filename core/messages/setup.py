"""Texts of ``consultoria setup telegram|slack`` and ``consultoria doctor`` (one line per check)."""

PT_BR = {
    "doctor.status.ok": "ok",
    "doctor.status.warn": "AVISO",
    "doctor.status.fail": "FALHA",
    "doctor.summary.ok": "Tudo certo: {count} verificações.",
    "doctor.summary.warn": "{count} verificações; {warnings} aviso(s), nenhuma falha.",
    "doctor.summary.fail": "{failures} falha(s) em {count} verificações: corrija as linhas FALHA.",
    "doctor.settings.ok": "Configuração: válida",
    "doctor.settings.fail": "Configuração: {setting}: {problem}",
    "doctor.db.ok": "Banco de dados {database}: acessível, na revisão {revision} (a mais nova)",
    "doctor.db.unreachable": "Banco de dados {database}: inacessível ({detail}); confira "
    "CONSULTORIA_DATABASE_URL e se o servidor está no ar",
    "doctor.db.empty": "Banco de dados {database}: vazio (sem tabelas); rode "
    "'consultoria db upgrade' (o bot também o faz ao iniciar)",
    "doctor.db.behind": "Banco de dados {database}: na revisão {revision}, a mais nova é {head}; "
    "rode 'consultoria db upgrade' (ou atualize o código, se o banco for mais novo)",
    "doctor.telegram.off": "Telegram: desligado (sem CONSULTORIA_TELEGRAM_TOKEN)",
    "doctor.telegram.ok": "Telegram: token aceito, bot @{username}",
    "doctor.telegram.bad_token": "Telegram: o token não tem o formato do @BotFather "
    "(números:letras); confira CONSULTORIA_TELEGRAM_TOKEN",
    "doctor.telegram.refused": "Telegram: o token foi recusado ({detail}); gere outro com o "
    "@BotFather, ponha em CONSULTORIA_TELEGRAM_TOKEN e rode 'consultoria setup telegram'",
    "doctor.telegram.unreachable": "Telegram: a API não respondeu ({detail}); confira a rede ou "
    "CONSULTORIA_TELEGRAM_API_BASE_URL",
    "doctor.telegram.username_missing": "Telegram: o nome do bot não está guardado; rode "
    "'consultoria setup telegram' para os links t.me saírem prontos",
    "doctor.telegram.username_stale": "Telegram: o nome guardado (@{stored}) não é o do bot "
    "(@{actual}); rode 'consultoria setup telegram'",
    "doctor.telegram.username_setting": "Telegram: CONSULTORIA_TELEGRAM_BOT_USERNAME é @{configured}"
    ", mas o bot é @{actual}; corrija-o ou apague-o (o nome guardado basta)",
    "doctor.telegram.username_ok": "Telegram: links t.me prontos (https://t.me/{username}?start=…)",
    "doctor.telegram.webhook_ok": "Telegram: webhook registrado em {url}",
    "doctor.telegram.webhook_wrong": "Telegram: o webhook registrado é {found}, não {url}; rode "
    "'consultoria setup telegram' (ou inicie o bot, que o registra)",
    "doctor.telegram.webhook_none": "(nenhum)",
    "doctor.telegram.webhook_error": "Telegram: a última entrega no webhook falhou ({error}); "
    "confira o proxy HTTPS e CONSULTORIA_TELEGRAM_WEBHOOK_SECRET",
    "doctor.slack.off": "Slack: desligado (sem CONSULTORIA_SLACK_BOT_TOKEN)",
    "doctor.slack.ok": "Slack: token aceito (workspace {team}, bot {user})",
    "doctor.slack.bad_token": "Slack: {setting}: {problem}",
    "doctor.slack.refused": "Slack: o token foi recusado ({detail}); copie o Bot User OAuth "
    "Token (xoxb-…) do app para CONSULTORIA_SLACK_BOT_TOKEN",
    "doctor.slack.unreachable": "Slack: a API não respondeu ({detail}); confira a rede ou "
    "CONSULTORIA_SLACK_API_BASE_URL",
    "doctor.slack.scopes_ok": "Slack: o token tem as {count} permissões do manifesto",
    "doctor.slack.scopes_missing": "Slack: faltam permissões de que o bot precisa: {scopes}; "
    "acrescente-as ao app (o manifesto de 'consultoria setup slack') e reinstale-o",
    "doctor.slack.scopes_extra": "Slack: faltam permissões do manifesto: {scopes}; acrescente-as "
    "ao app e reinstale-o (algumas funções falham sem elas)",
    "doctor.slack.scopes_unknown": "Slack: o Slack não informou as permissões do token; "
    "confira-as em OAuth & Permissions",
    "doctor.slack.app_token_ok": "Slack: token do app aceito (Socket Mode)",
    "doctor.slack.app_token_refused": "Slack: o token do app foi recusado ({detail}); gere um "
    "App-Level Token com connections:write e ponha em CONSULTORIA_SLACK_APP_TOKEN",
    "doctor.slack.signing_missing": "Slack: modo HTTP sem CONSULTORIA_SLACK_SIGNING_SECRET; "
    "copie o Signing Secret do app (Basic Information)",
    "doctor.slack.channel_ok": "Slack: canal {channel} ({setting}) existe e o bot está nele",
    "doctor.slack.channel_unset": "Slack: {setting} não definido; crie o canal, convide o bot e "
    "ponha ali o id do canal (C…)",
    "doctor.slack.channel_missing": "Slack: o canal {channel} de {setting} não foi encontrado "
    "({detail}); confira o id (canal → Ver detalhes)",
    "doctor.slack.channel_outside": "Slack: o bot não está no canal {channel} ({setting}); "
    "convide-o com /invite @Consultoria Online",
    "doctor.whatsapp.off": "WhatsApp: desligado",
    "doctor.whatsapp.ok": "WhatsApp: número {number} acessível com o token",
    "doctor.whatsapp.refused": "WhatsApp: {setting} recusado ({detail}); confira o token e o id "
    "do número no painel do app da Meta",
    "doctor.whatsapp.unreachable": "WhatsApp: a API não respondeu ({detail}); confira a rede ou "
    "CONSULTORIA_WHATSAPP_API_BASE_URL",
    "doctor.tz.ok": "Fuso horário {zone}: dados disponíveis (agora {now})",
    "doctor.tz.fail": "Fuso horário {zone}: sem dados de fuso horário; instale-os (pacote tzdata "
    "do sistema, ou 'pip install tzdata')",
    "doctor.hours.open": "Horário de atendimento: {week}; aberto agora, até {until}",
    "doctor.hours.closed": "Horário de atendimento: {week}; fechado agora, abre em {opening}",
    "doctor.hours.never": "Horário de atendimento: {week}; nenhuma abertura nos próximos dias; "
    "confira CONSULTORIA_OPENING_HOURS e CONSULTORIA_EXTRA_CLOSED_DAYS",
    "doctor.disk.ok": "Arquivos em {path}: {free} livres",
    "doctor.disk.low": "Arquivos em {path}: só {free} livres (menos de {minimum}); libere espaço "
    "ou mude CONSULTORIA_WEB_FILES_DIR para outro disco",
    "doctor.disk.readonly": "Arquivos em {path}: sem permissão de escrita; dê permissão ao "
    "usuário do bot ou mude CONSULTORIA_WEB_FILES_DIR",
    "doctor.smtp.off": "E-mail: desligado (sem CONSULTORIA_SMTP_HOST)",
    "doctor.smtp.ok": "E-mail: o servidor SMTP {host}:{port} respondeu",
    "doctor.smtp.refused": "E-mail: o servidor SMTP {host}:{port} recusou o usuário e a senha "
    "({detail}); confira CONSULTORIA_SMTP_USER e CONSULTORIA_SMTP_PASSWORD",
    "doctor.smtp.unreachable": "E-mail: o servidor SMTP {host}:{port} não respondeu ({detail}); "
    "confira CONSULTORIA_SMTP_HOST, CONSULTORIA_SMTP_PORT e CONSULTORIA_SMTP_SECURITY",
    "setup.telegram.prompt": "Token do bot (do @BotFather; não aparece ao digitar): ",
    "setup.telegram.no_token": "Informe o token do bot: digite-o, use --token-file ARQUIVO ou "
    "defina CONSULTORIA_TELEGRAM_TOKEN.",
    "setup.telegram.token_file": "Não foi possível ler o arquivo do token {path}: {detail}",
    "setup.telegram.bad_token": "O token não tem o formato do @BotFather (números:letras); "
    "confira-o (ele não é mostrado aqui).",
    "setup.telegram.webhook_settings": "Modo webhook: defina antes {settings}.",
    "setup.telegram.webhook_https": "Modo webhook: CONSULTORIA_TELEGRAM_WEBHOOK_URL precisa "
    "começar com https:// (o Telegram só chama endereços https).",
    "setup.telegram.stored": "ok Nome do bot guardado: os links são "
    "https://t.me/{username}?start=CÓDIGO",
    "setup.telegram.commands": "ok Comandos do menu registrados (pt-BR e en): {commands}",
    "setup.telegram.webhook": "ok Webhook registrado em {url}, com o segredo de "
    "CONSULTORIA_TELEGRAM_WEBHOOK_SECRET",
    "setup.telegram.polling": "ok Modo polling: nenhum webhook a registrar",
    "setup.telegram.save_token": "Guarde o token no .env (CONSULTORIA_TELEGRAM_TOKEN=…) para o "
    "bot usá-lo; depois rode 'consultoria doctor'.",
    "setup.slack.https": "O endereço público precisa começar com https:// (o Slack só chama "
    "endereços https): {url}",
    "setup.slack.http_needs_url": "Modo HTTP: informe o endereço público do bot com --public-url "
    "https://… (ou defina CONSULTORIA_WEB_PUBLIC_URL).",
    "setup.slack.steps.socket": "Manifesto para Socket Mode (sem endereço público). Em "
    "api.slack.com/apps: Create New App → From an app manifest → cole-o → instale o app. Depois "
    "copie o Bot User OAuth Token (xoxb-…) para CONSULTORIA_SLACK_BOT_TOKEN e gere um "
    "App-Level Token com connections:write para CONSULTORIA_SLACK_APP_TOKEN.",
    "setup.slack.steps.http": "Manifesto para o modo HTTP: o Slack chama {url}. Em "
    "api.slack.com/apps: Create New App → From an app manifest → cole-o → instale o app. Depois "
    "copie o Bot User OAuth Token (xoxb-…) para CONSULTORIA_SLACK_BOT_TOKEN, o Signing Secret "
    "para CONSULTORIA_SLACK_SIGNING_SECRET e defina CONSULTORIA_SLACK_MODE=http.",
    "setup.slack.no_token": "Sem CONSULTORIA_SLACK_BOT_TOKEN ainda: depois de instalar o app, "
    "defina-o e rode de novo para conferir as permissões e os canais.",
    "setup.slack.written": "Manifesto gravado em {path}.",
}

EN = {
    "doctor.status.ok": "ok",
    "doctor.status.warn": "WARN",
    "doctor.status.fail": "FAIL",
    "doctor.summary.ok": "All good: {count} checks.",
    "doctor.summary.warn": "{count} checks; {warnings} warning(s), no failure.",
    "doctor.summary.fail": "{failures} failure(s) in {count} checks: fix the FAIL lines.",
    "doctor.settings.ok": "Settings: valid",
    "doctor.settings.fail": "Settings: {setting}: {problem}",
    "doctor.db.ok": "Database {database}: reachable, at revision {revision} (the newest)",
    "doctor.db.unreachable": "Database {database}: unreachable ({detail}); check "
    "CONSULTORIA_DATABASE_URL and that the server is up",
    "doctor.db.empty": "Database {database}: empty (no tables); run 'consultoria db upgrade' "
    "(the bot also does it when it starts)",
    "doctor.db.behind": "Database {database}: at revision {revision}, the newest is {head}; run "
    "'consultoria db upgrade' (or update the code, if the database is newer)",
    "doctor.telegram.off": "Telegram: off (no CONSULTORIA_TELEGRAM_TOKEN)",
    "doctor.telegram.ok": "Telegram: token accepted, bot @{username}",
    "doctor.telegram.bad_token": "Telegram: the token does not look like @BotFather's "
    "(digits:letters); check CONSULTORIA_TELEGRAM_TOKEN",
    "doctor.telegram.refused": "Telegram: the token was refused ({detail}); get another from "
    "@BotFather, put it in CONSULTORIA_TELEGRAM_TOKEN and run 'consultoria setup telegram'",
    "doctor.telegram.unreachable": "Telegram: the API did not answer ({detail}); check the network "
    "or CONSULTORIA_TELEGRAM_API_BASE_URL",
    "doctor.telegram.username_missing": "Telegram: the bot's username is not stored; run "
    "'consultoria setup telegram' so t.me links come out ready",
    "doctor.telegram.username_stale": "Telegram: the stored username (@{stored}) is not the bot's "
    "(@{actual}); run 'consultoria setup telegram'",
    "doctor.telegram.username_setting": "Telegram: CONSULTORIA_TELEGRAM_BOT_USERNAME is "
    "@{configured} but the bot is @{actual}; fix it or remove it (the stored name is enough)",
    "doctor.telegram.username_ok": "Telegram: t.me links ready (https://t.me/{username}?start=…)",
    "doctor.telegram.webhook_ok": "Telegram: webhook registered at {url}",
    "doctor.telegram.webhook_wrong": "Telegram: the registered webhook is {found}, not {url}; run "
    "'consultoria setup telegram' (or start the bot, which registers it)",
    "doctor.telegram.webhook_none": "(none)",
    "doctor.telegram.webhook_error": "Telegram: the last webhook delivery failed ({error}); check "
    "the HTTPS proxy and CONSULTORIA_TELEGRAM_WEBHOOK_SECRET",
    "doctor.slack.off": "Slack: off (no CONSULTORIA_SLACK_BOT_TOKEN)",
    "doctor.slack.ok": "Slack: token accepted (workspace {team}, bot {user})",
    "doctor.slack.bad_token": "Slack: {setting}: {problem}",
    "doctor.slack.refused": "Slack: the token was refused ({detail}); copy the app's Bot User "
    "OAuth Token (xoxb-…) to CONSULTORIA_SLACK_BOT_TOKEN",
    "doctor.slack.unreachable": "Slack: the API did not answer ({detail}); check the network or "
    "CONSULTORIA_SLACK_API_BASE_URL",
    "doctor.slack.scopes_ok": "Slack: the token has the manifest's {count} scopes",
    "doctor.slack.scopes_missing": "Slack: scopes the bot needs are missing: {scopes}; add them "
    "to the app (the manifest of 'consultoria setup slack') and reinstall it",
    "doctor.slack.scopes_extra": "Slack: manifest scopes are missing: {scopes}; add them to the "
    "app and reinstall it (some features fail without them)",
    "doctor.slack.scopes_unknown": "Slack: Slack did not say the token's scopes; check them under "
    "OAuth & Permissions",
    "doctor.slack.app_token_ok": "Slack: app token accepted (Socket Mode)",
    "doctor.slack.app_token_refused": "Slack: the app token was refused ({detail}); generate an "
    "App-Level Token with connections:write and put it in CONSULTORIA_SLACK_APP_TOKEN",
    "doctor.slack.signing_missing": "Slack: HTTP mode without CONSULTORIA_SLACK_SIGNING_SECRET; "
    "copy the app's Signing Secret (Basic Information)",
    "doctor.slack.channel_ok": "Slack: channel {channel} ({setting}) exists and has the bot",
    "doctor.slack.channel_unset": "Slack: {setting} is not set; create the channel, invite the "
    "bot and put the channel id (C…) there",
    "doctor.slack.channel_missing": "Slack: the channel {channel} of {setting} was not found "
    "({detail}); check the id (channel → View details)",
    "doctor.slack.channel_outside": "Slack: the bot is not in the channel {channel} ({setting}); "
    "invite it with /invite @Consultoria Online",
    "doctor.whatsapp.off": "WhatsApp: off",
    "doctor.whatsapp.ok": "WhatsApp: number {number} reachable with the token",
    "doctor.whatsapp.refused": "WhatsApp: {setting} refused ({detail}); check the token and the "
    "number id in the Meta app dashboard",
    "doctor.whatsapp.unreachable": "WhatsApp: the API did not answer ({detail}); check the "
    "network or CONSULTORIA_WHATSAPP_API_BASE_URL",
    "doctor.tz.ok": "Time zone {zone}: data available (now {now})",
    "doctor.tz.fail": "Time zone {zone}: no time zone data; install it (the system's tzdata "
    "package, or 'pip install tzdata')",
    "doctor.hours.open": "Opening hours: {week}; open now, until {until}",
    "doctor.hours.closed": "Opening hours: {week}; closed now, opens {opening}",
    "doctor.hours.never": "Opening hours: {week}; no opening in the coming days; check "
    "CONSULTORIA_OPENING_HOURS and CONSULTORIA_EXTRA_CLOSED_DAYS",
    "doctor.disk.ok": "Files in {path}: {free} free",
    "doctor.disk.low": "Files in {path}: only {free} free (under {minimum}); free some space or "
    "move CONSULTORIA_WEB_FILES_DIR to another disk",
    "doctor.disk.readonly": "Files in {path}: not writable; give the bot's user permission or "
    "change CONSULTORIA_WEB_FILES_DIR",
    "doctor.smtp.off": "E-mail: off (no CONSULTORIA_SMTP_HOST)",
    "doctor.smtp.ok": "E-mail: the SMTP server {host}:{port} answered",
    "doctor.smtp.refused": "E-mail: the SMTP server {host}:{port} refused the user and password "
    "({detail}); check CONSULTORIA_SMTP_USER and CONSULTORIA_SMTP_PASSWORD",
    "doctor.smtp.unreachable": "E-mail: the SMTP server {host}:{port} did not answer ({detail}); "
    "check CONSULTORIA_SMTP_HOST, CONSULTORIA_SMTP_PORT and CONSULTORIA_SMTP_SECURITY",
    "setup.telegram.prompt": "Bot token (from @BotFather; not shown while typed): ",
    "setup.telegram.no_token": "Give the bot's token: type it, use --token-file FILE or set "
    "CONSULTORIA_TELEGRAM_TOKEN.",
    "setup.telegram.token_file": "Could not read the token file {path}: {detail}",
    "setup.telegram.bad_token": "The token does not look like @BotFather's (digits:letters); "
    "check it (it is not shown here).",
    "setup.telegram.webhook_settings": "Webhook mode: set {settings} first.",
    "setup.telegram.webhook_https": "Webhook mode: CONSULTORIA_TELEGRAM_WEBHOOK_URL must start "
    "with https:// (Telegram only calls https addresses).",
    "setup.telegram.stored": "ok Bot username stored: links are https://t.me/{username}?start=CODE",
    "setup.telegram.commands": "ok Menu commands registered (pt-BR and en): {commands}",
    "setup.telegram.webhook": "ok Webhook registered at {url}, with the secret of "
    "CONSULTORIA_TELEGRAM_WEBHOOK_SECRET",
    "setup.telegram.polling": "ok Polling mode: no webhook to register",
    "setup.telegram.save_token": "Keep the token in .env (CONSULTORIA_TELEGRAM_TOKEN=…) for the "
    "bot to use it; then run 'consultoria doctor'.",
    "setup.slack.https": "The public address must start with https:// (Slack only calls https "
    "addresses): {url}",
    "setup.slack.http_needs_url": "HTTP mode: give the bot's public address with --public-url "
    "https://… (or set CONSULTORIA_WEB_PUBLIC_URL).",
    "setup.slack.steps.socket": "Manifest for Socket Mode (no public address). On "
    "api.slack.com/apps: Create New App → From an app manifest → paste it → install the app. "
    "Then copy the Bot User OAuth Token (xoxb-…) to CONSULTORIA_SLACK_BOT_TOKEN and generate an "
    "App-Level Token with connections:write for CONSULTORIA_SLACK_APP_TOKEN.",
    "setup.slack.steps.http": "Manifest for HTTP mode: Slack calls {url}. On api.slack.com/apps: "
    "Create New App → From an app manifest → paste it → install the app. Then copy the Bot User "
    "OAuth Token (xoxb-…) to CONSULTORIA_SLACK_BOT_TOKEN, the Signing Secret to "
    "CONSULTORIA_SLACK_SIGNING_SECRET and set CONSULTORIA_SLACK_MODE=http.",
    "setup.slack.no_token": "No CONSULTORIA_SLACK_BOT_TOKEN yet: once the app is installed, set "
    "it and run this again to check the scopes and channels.",
    "setup.slack.written": "Manifest written to {path}.",
}
