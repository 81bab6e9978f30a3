"""The one rule for whether a family may be alerted about a pair now."""

from reunify.board.models import Post, Report, Visibility
from reunify.matches.models import Match


def alert_blocked_reason(*, post: Post, report: Report, match: Match | None = None) -> str:
    """Why no alert may go for this pair now ("" when it may). Checked when a match is made
    and again right before sending: holds, hides, deletion, closing and "stop" all count.

    A held record waits for a volunteer: a held post may be a stalker's fake search for
    someone who said they are safe, a held report an unconfirmed death."""
    if post.status != Post.Status.OPEN:
        return "post no longer open"
    if post.visibility != Visibility.PUBLIC or post.purged_at:
        return f"post {post.visibility}"
    if report.visibility != Visibility.PUBLIC or report.purged_at:
        return f"report {report.visibility}"
    if not post.alerts_enabled:
        return "family stopped alerts"
    if match is not None and match.state == Match.State.REJECTED:
        return "match rejected"
    return ""


def alert_may_go(*, post: Post, report: Report, match: Match | None = None) -> bool:
    return not alert_blocked_reason(post=post, report=report, match=match)
