"""What a change to a person's record means for the people following them.

A volunteer's link between two posts makes them one person: their followers are shared,
so each is told once whichever post changes.
"""

from reunify.alerts.followers import followers_count, followers_notify
from reunify.board.models import Post, Report
from reunify.matches.models import Match
from reunify.moderation.duplicates import linked_posts

# Post statuses worth telling a follower about.
_POST_EVENTS = {Post.Status.FOUND: "found", Post.Status.REUNITED: "reunited"}


def _person_posts(post: Post) -> list[Post]:
    return [post, *linked_posts(post)]


def followers_tell_post(*, post: Post, status: str) -> int:
    event = _POST_EVENTS.get(status)
    if event is None:
        return 0
    return followers_notify(posts=_person_posts(post), event=event)


def followers_tell_match(*, match: Match) -> int:
    """A family recognised a report: both sides' followers hear it, a death only once public."""
    report = match.report
    if report.condition == Report.Condition.DECEASED:
        if not report.is_public:
            return 0
        event = "deceased"
    else:
        event = "found"
    return followers_notify(posts=_person_posts(match.post), reports=[report], event=event)


def followers_tell_report(*, report: Report) -> int:
    """A report's condition changed or it was published: safe and (published) deaths are news."""
    if not report.is_public:
        return 0
    if report.condition == Report.Condition.DECEASED:
        event = "deceased"
    elif report.condition == Report.Condition.SAFE:
        event = "safe"
    else:
        return 0
    posts = [m.post for m in report.matches.filter(state=Match.State.CONFIRMED)]
    everyone = [p for post in posts for p in _person_posts(post)]
    return followers_notify(posts=everyone, reports=[report], event=event)


def person_followers(record: Post | Report) -> int:
    if isinstance(record, Post):
        return followers_count(posts=_person_posts(record))
    return followers_count(reports=[record])
