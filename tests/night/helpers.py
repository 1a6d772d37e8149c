"""What the night tests share: reading the dailies page a person opens in the morning."""

from html.parser import HTMLParser


class DailiesPage(HTMLParser):
    """The attributes of the page's clip cards (``<article>``) and videos (``<video>``), in page order."""

    def __init__(self, html: str):
        super().__init__()
        self.videos: list[dict] = []
        self.cards: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "video":
            self.videos.append(a)
        elif tag == "article":
            self.cards.append(a)
