"""Static files in production: hashed names and compressed copies (whitenoise)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFiles(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        # A process that never ran collectstatic (a worker, a management command on a fresh
        # host) uses the plain file name instead of failing the page or the system checks.
        try:
            return super().stored_name(name)
        except ValueError:
            return name
