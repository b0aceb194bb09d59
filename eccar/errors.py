class ServiceError(Exception):
    """A refused action, with a message meant for the person who asked for it.

    Services raise it for anything a user can get wrong (a stale link, a second
    primary account, a late submission); views turn it into a form error or a
    message, never into a 500.
    """

    def __init__(self, message, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self):
        return str(self.message)
