"""Use cases: every change of state a person causes, composed from the apps' own services.

The apps below never call up: when a post closes, its pending alerts are cancelled here, by
the function that owns "close a post", in the same transaction. The doors (public pages,
volunteer pages, API, PFIF, lists, commands) call these, or an app's service directly when
nothing else follows from it.
"""
