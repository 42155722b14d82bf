"""Texts of backups and restores (the CLI's answers and refusals)."""

PT_BR = {
    "backup.sqlite_memory": "Um banco SQLite em memória não pode ser copiado: use um arquivo (sqlite:///caminho.db).",
    "backup.sqlite_missing": "O banco {path} não existe.",
    "backup.tool_missing": "O programa {tool} não foi encontrado. Instale o cliente do PostgreSQL na mesma versão do servidor (Debian/Ubuntu: apt install postgresql-client) e tente de novo.",
    "backup.pg_dump_failed": "O pg_dump falhou: {detail}",
    "backup.pg_restore_failed": "O pg_restore falhou, nada foi gravado: {detail}",
    "backup.damaged": "O arquivo {path} não é uma cópia íntegra: {detail}",
    "backup.no_revision": "O arquivo {path} não tem a versão do esquema (alembic_version): não é uma cópia deste bot.",
    "backup.unreadable": "Não foi possível ler {path}: {detail}.",
    "backup.unknown_file": "{path} não é uma cópia do bot (nem SQLite nem pg_dump em formato custom).",
    "backup.wrong_engine": "A cópia é de um banco {made}, mas CONSULTORIA_DATABASE_URL aponta para {database}: restaure num banco do mesmo tipo.",
    "backup.restore_not_empty": "O banco {database} não está vazio: a restauração só é feita num banco sem nenhuma tabela. Crie um banco novo (ou apague o arquivo SQLite) e aponte CONSULTORIA_DATABASE_URL para ele.",
    "backup.unwritable": "Não foi possível gravar {path}: {detail}.",
    "backup.written": "Cópia gravada em {path} ({size}, esquema {revision}), conferida.",
    "backup.restored": "Cópia {path} restaurada em {database}; esquema na versão atual ({revision}).",
    "backup.newer_revision": "A cópia tem o esquema {revision}, que esta versão do bot não conhece: atualize o bot antes de usá-la.",
    "backup.file_missing": "O arquivo {path} não existe.",
}

EN = {
    "backup.sqlite_memory": "An in-memory SQLite database cannot be copied: use a file (sqlite:///path.db).",
    "backup.sqlite_missing": "The database {path} does not exist.",
    "backup.tool_missing": "The program {tool} was not found. Install the PostgreSQL client of the server's version (Debian/Ubuntu: apt install postgresql-client) and try again.",
    "backup.pg_dump_failed": "pg_dump failed: {detail}",
    "backup.pg_restore_failed": "pg_restore failed, nothing was written: {detail}",
    "backup.damaged": "The file {path} is not a sound copy: {detail}",
    "backup.no_revision": "The file {path} has no schema version (alembic_version): it is not a copy of this bot.",
    "backup.unreadable": "Could not read {path}: {detail}.",
    "backup.unknown_file": "{path} is not a copy of the bot (neither SQLite nor a custom-format pg_dump).",
    "backup.wrong_engine": "The copy is of a {made} database, but CONSULTORIA_DATABASE_URL points to {database}: restore onto a database of the same kind.",
    "backup.restore_not_empty": "The database {database} is not empty: a restore is only made onto a database without any table. Create a new database (or delete the SQLite file) and point CONSULTORIA_DATABASE_URL to it.",
    "backup.unwritable": "Could not write {path}: {detail}.",
    "backup.written": "Copy written to {path} ({size}, schema {revision}), checked.",
    "backup.restored": "Copy {path} restored into {database}; schema at the current version ({revision}).",
    "backup.newer_revision": "The copy has schema {revision}, which this version of the bot does not know: upgrade the bot before using it.",
    "backup.file_missing": "The file {path} does not exist.",
}
