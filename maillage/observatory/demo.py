"""Demo: the observatory's real bundled data (not fictional) plus one shared diagnostic and one
GPECT project, so ``make run`` shows real figures for the Eure and the Évreux perimeter."""


def seed(stdout=None) -> None:
    from . import services

    def say(message):
        if stdout is not None:
            stdout.write(f"  observatoire : {message}")

    services.load_bundled(progress=say)
