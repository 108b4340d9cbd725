"""The people on the demo list, and dates in the formats mail and git use."""

import calendar
import datetime

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def utc(y, mo, d, h=0, mi=0, s=0):
    """Epoch seconds of a UTC wall time."""
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))


def tzstr(tz):
    sign = "+" if tz >= 0 else "-"
    return "%s%02d%02d" % (sign, abs(tz) // 60, abs(tz) % 60)


def _local(epoch, tz):
    return datetime.datetime.fromtimestamp(
        epoch, datetime.timezone(datetime.timedelta(minutes=tz)))


def rfc2822(epoch, tz):
    """Date header as git send-email writes it: 'Mon, 08 Jan 2024 10:30:00 +0100'."""
    t = _local(epoch, tz)
    return "%s, %02d %s %d %02d:%02d:%02d %s" % (
        DAYS[t.weekday()], t.day, MONTHS[t.month - 1], t.year,
        t.hour, t.minute, t.second, tzstr(tz))


def postfix_date(epoch):
    """Date in a Received header as Postfix writes it (space-padded day, UTC)."""
    t = _local(epoch, 0)
    return "%s, %2d %s %d %02d:%02d:%02d +0000 (UTC)" % (
        DAYS[t.weekday()], t.day, MONTHS[t.month - 1], t.year,
        t.hour, t.minute, t.second)


def stamp(epoch):
    """The UTC time stamp git send-email puts in its Message-IDs."""
    t = _local(epoch, 0)
    return "%04d%02d%02d%02d%02d%02d" % (t.year, t.month, t.day, t.hour, t.minute, t.second)


def mutt_date(epoch, tz):
    """'Mon, Jan 08, 2024 at 10:30:00AM +0100' as in mutt attribution lines."""
    t = _local(epoch, tz)
    h12 = t.hour % 12 or 12
    return "%s, %s %02d, %d at %02d:%02d:%02d%s %s" % (
        DAYS[t.weekday()], MONTHS[t.month - 1], t.day, t.year, h12, t.minute,
        t.second, "AM" if t.hour < 12 else "PM", tzstr(tz))


def hg_date(epoch, tz):
    """'Mon Feb 05 17:00:02 2024 +0900' as in '# Date' lines of hg export."""
    t = _local(epoch, tz)
    return "%s %s %02d %02d:%02d:%02d %d %s" % (
        DAYS[t.weekday()], MONTHS[t.month - 1], t.day, t.hour, t.minute, t.second,
        t.year, tzstr(tz))


class Person:
    def __init__(self, name, email, tz, host=None):
        self.name = name
        self.email = email
        self.tz = tz  # minutes east of UTC
        self.host = host or "mail." + email.split("@")[1]

    @property
    def addr(self):
        return "%s <%s>" % (self.name, self.email)

    def gitdate(self, epoch):
        return "@%d %s" % (epoch, tzstr(self.tz))

    def trailer(self, tag):
        return "%s: %s" % (tag, self.addr)

    @property
    def first(self):
        return self.name.split()[0]


JANE = Person("Jane Doe", "jane@example.org", 60)
MORGAN = Person("Morgan Hale", "morgan@kernel.example.org", -300, "mail.kernel.example.org")
ANNA = Person("Anna Schmidt", "anna.schmidt@example.de", 60)
LIWEI = Person("Li Wei", "liwei@example.cn", 480)
RAVI = Person("Ravi Kumar", "ravi.kumar@corp.example.com", 330)
TOMASZ = Person("Tomasz Nowak", "tnowak@example.pl", 60)
SAM = Person("Sam Okafor", "sam@example.org", 0)
YUKI = Person("Yuki Tanaka", "yuki@example.jp", 540)
CAROL = Person("Carol Ng", "carol@example.com", -480)
PHILMD = Person("Philippe Mathieu-Daudé", "philmd@example.net", 60)
HELEN = Person("Helen Park", "helen@kernel.example.org", -480, "mail.kernel.example.org")
OLIVER = Person("Oliver Grant", "oliver@strictmail.example", 0)
PRIYA = Person("Priya Raman", "priya@example.in", 330)
BRIAN = Person("Brian Walsh", "bwalsh@corp.example.com", -300, "exch.corp.example.com")
JUERGEN = Person("Jürgen Weiß", "juergen@example.de", 60)
# Sends from home but signs his trailers with the work address.
ROBERT_HOME = Person("Robert Baker", "rbaker@home.example.net", 0)
ROBERT_WORK = Person("Robert Baker", "robert.baker@corp.example.com", 0)
DMITRY = Person("Dmitry Volkov", "dvolkov@example.ru", 180)
MARA = Person("Mara Lind", "mara@kernel.example.org", 60, "mail.kernel.example.org")

# The owner of the demo mailbox (user.name / user.primary_email).
USER = MORGAN
