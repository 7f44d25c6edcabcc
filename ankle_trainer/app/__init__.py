"""Services the screens share, between storage and the widgets.

``context`` holds what every screen needs (clock, history, settings, the
routine catalogue, a way to ask the user); ``changes`` says what kind of data
changed; ``session`` is the one path by which a session is started, rated,
resumed and written; ``export`` holds the export formats. Nothing here builds
a widget, so all of it is tested without a window.
"""
