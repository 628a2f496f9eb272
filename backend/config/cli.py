"""The `comptoir` command: `comptoir <django management command> [args]` plus the platform's own commands
(setup, serve, db-stop, ...), which live as management commands in backend/core/management/commands/."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "comptoir"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")  # `comptoir plan-rounds` runs the plan_rounds command
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
