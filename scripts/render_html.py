#!/usr/bin/python3
"""Render a plain-text article as a realistic news, council or blog web page.

usage: render_html.py IN.txt OUT.html [--template NAME] [--seed N] [--title T]
                      [--published YYYY-MM-DD] [--url URL]
       render_html.py --list

Used to turn the plain-text evaluation articles into HTML inputs for `sendscan extract`, so that
the HTML reader (clutter removal, title, date and URL metadata) can be scored against the same
gold as the text. Standard library only; the output is a pure function of the arguments (no
clock, no unseeded randomness), so the same input always gives the same bytes.

Input text: paragraphs separated by blank lines or single newlines (every non-empty line is a
paragraph). A first line in news-crawl form, " date YYYY-MM-DD <text>", loses that prefix and
gives the publication date, unless --published is given.
Title: --title, else the first paragraph when it is short (< 150 characters), does not end in a
full stop and is not the only paragraph; it is then shown as the page's heading, not as a
paragraph. With no title the page has no headline.

Templates (see --list), each with its own clutter and its own way of showing the date:
  regional   regional newspaper: meta article:published_time, og:*, canonical, <time datetime>
             byline with an "Updated" time, JSON-LD NewsArticle, nav, share bar, "Read more"
             promos inside the article, related articles, reader comments, cookie banner,
             newsletter form, scripts.
  council    council press release: breadcrumb "Home > News", <p class="date">Published: 16 May
             2018</p>, sidebar navigation, media enquiries box, "Was this page useful?" form,
             "Last updated" line.
  wordpress  WordPress blog: h1.entry-title, <time class="entry-date" datetime> "May 16, 2018",
             date in the permalink, tag cloud, archive widget (month names), "Related Articles",
             "Leave a Reply" form.
  modern     modern news site: <main><article>, date only in JSON-LD datePublished (no meta, no
             visible date), ad slots between paragraphs, "Most read", newsletter prompt, jobs box.
  minimal    old table layout in windows-1252: <title> only, visible "Published Wednesday, 16th
             May 2018" in a <span>; characters outside windows-1252 as numeric references.
  charity    charity / parent-forum site: visible "16/05/2018", date in the URL path,
             microdata itemprop="datePublished", donate banner, social links.
The template is --template NAME, else templates[seed % 6] where the seed is --seed or derived
from the input file's stem (so a given file always gets the same template).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from article_source import parse_article, read_input  # noqa: E402

# ---------------------------------------------------------------------------------------------
# input

def choose_title(paragraphs, title=None):
    """-> (title or None, body paragraphs)."""
    if title:
        return title, list(paragraphs)
    if len(paragraphs) > 1:
        first = paragraphs[0]
        if len(first) < 150 and not first.endswith("."):
            return first, list(paragraphs[1:])
    return None, list(paragraphs)


def is_subheading(paragraphs, i) -> bool:
    """A short, title-like paragraph inside the body (not the first or the last one)."""
    if i == 0 or i >= len(paragraphs) - 1:
        return False
    p = paragraphs[i]
    if len(p) > 70 or len(p.split()) > 9 or not p[0].isupper():
        return False
    if p[-1] in ".!?:;,\"'\u201d\u2019)\u2026" or any(q in p for q in "\"\u201c\u201d|"):
        return False
    return len(paragraphs[i + 1]) > len(p)


# ---------------------------------------------------------------------------------------------
# deterministic choices

def _h(seed: int, key: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}:{key}".encode()).digest()[:8], "big")


def pick(seed, key, items):
    return items[_h(seed, key) % len(items)]


def pick_n(seed, key, items, n):
    return sorted(items, key=lambda x: _h(seed, f"{key}:{x}"))[:n]


def seed_from_stem(stem: str) -> int:
    return _h(0, "stem:" + stem) % 1_000_000


# ---------------------------------------------------------------------------------------------
# dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def long_date(d):          # 16 May 2018
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def short_date(d):         # 16 May 2018 -> 16 May 2018 with 3-letter month
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def us_date(d):            # May 16, 2018
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def weekday_date(d):       # Wednesday, 16th May 2018
    return f"{DAYS[d.weekday()]}, {ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"


def numeric_date(d):       # 16/05/2018
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def clock(seed, key="time"):
    h = 6 + _h(seed, key + ":h") % 12
    m = _h(seed, key + ":m") % 60
    return h, m


def iso_datetime(d, seed, key="time"):
    h, m = clock(seed, key)
    return f"{d.isoformat()}T{h:02d}:{m:02d}:00+00:00"


def ampm(h, m):
    return f"{(h - 1) % 12 + 1}:{m:02d}{'am' if h < 12 else 'pm'}"


def clutter_base(published, seed):
    """The date that clutter dates (related articles, comments) are placed around."""
    return published or dt.date(2017, 1, 1) + dt.timedelta(days=_h(seed, "base") % 2000)


# ---------------------------------------------------------------------------------------------
# helpers

def esc(s) -> str:
    return html.escape(str(s), quote=False)


def attr(s) -> str:
    return html.escape(str(s), quote=True)


def slugify(s: str, limit=80) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return (s[:limit].rstrip("-") or "article")


def json_ld(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/")


def excerpt(paragraphs, n=155) -> str:
    s = " ".join(paragraphs)[: n + 40]
    if len(s) > n:
        s = s[:n].rsplit(" ", 1)[0] + "\u2026"
    return s


def blocks(paragraphs, heading_tag="h2", p_open="<p>"):
    out = []
    for i, p in enumerate(paragraphs):
        if is_subheading(paragraphs, i):
            out.append(f"<{heading_tag}>{esc(p)}</{heading_tag}>")
        else:
            out.append(f"{p_open}{esc(p)}</p>")
    return out


FIRST = ["Sarah", "James", "Priya", "Tom", "Helen", "Marcus", "Aisha", "Gareth", "Lucy", "Owen",
         "Hannah", "Daniel", "Fiona", "Kieran", "Ruth"]
LAST = ["Whitfield", "Okafor", "Brennan", "Castellano", "Hughes", "Lindqvist", "Pemberton",
        "Mahmood", "Doyle", "Fairweather", "Ashworth", "Kowalczyk", "Ridley", "Nwosu", "Tranter"]
LOCAL_HEADLINES = [
    "Roadworks to close town centre junction for three weeks",
    "New play park opens after community fundraising drive",
    "Police appeal after shed fire on allotments",
    "Plans lodged for 120 homes on former factory site",
    "Bus route changes announced for the autumn",
    "Library opening hours to be extended on Saturdays",
    "Council tax bills set to rise by 2.99 per cent",
    "Family fun day raises thousands for hospice",
    "Leisure centre pool reopens after refurbishment",
    "Residents object to parking charges at country park",
    "Primary school celebrates 150th anniversary",
    "Town's Christmas lights switch-on date confirmed",
    "Cycle lane scheme given the go-ahead",
    "Food bank reports record demand this winter",
    "Historic pub put up for sale",
    "Volunteers needed for riverside litter pick",
    "Football club unveils plans for new stand",
    "Care home rated good after latest visit",
]
COMMENTS = [
    "About time parents were listened to. We have been saying this for years.",
    "My son waited well over a year for his plan and we had to fight for every bit of support.",
    "Credit where it is due, our school has been brilliant with our daughter.",
    "Where is all the money going? Same story every time a report comes out.",
    "Good to see some honesty at last. Let's hope things actually change this time.",
    "The staff on the ground do their best but they are stretched far too thin.",
    "Nothing will change until the funding changes, simple as that.",
    "We moved here partly because of the schools. Very disappointing to read this.",
]
COMMENTERS = ["MumOfThree", "Dave R", "concerned_parent", "Lindsey W", "TruthTeller77",
              "grandad_bill", "K. Osei", "NorthvaleResident", "JP1984", "Sam the Ram"]
NAV = ["News", "Sport", "What's On", "Business", "Education", "Health", "Politics", "Crime",
       "Weather", "Traffic & Travel", "Opinion", "Lifestyle", "Property", "Jobs", "Announcements"]
TAGS = ["children", "council", "education", "families", "health", "local news", "schools",
        "special needs", "support", "young people", "campaign", "community", "parents",
        "disability", "wellbeing"]


def byline_name(seed, key="author"):
    return f"{pick(seed, key + ':f', FIRST)} {pick(seed, key + ':l', LAST)}"


def related_items(published, seed, n=4, key="related"):
    base = clutter_base(published, seed)
    heads = pick_n(seed, key, LOCAL_HEADLINES, n)
    out = []
    for i, hl in enumerate(heads):
        d = base - dt.timedelta(days=1 + _h(seed, f"{key}:{i}") % 40)
        out.append((hl, d))
    return out


# ---------------------------------------------------------------------------------------------
# templates; each takes a Page and returns str

class Page:
    def __init__(self, title, body, published, url, seed, stem):
        self.title, self.body, self.published, self.url = title, body, published, url
        self.seed, self.stem = seed, stem


def default_url(template, page_title, published, seed, stem):
    slug = slugify(page_title or stem or "article")
    num = 10_000_000 + _h(seed, "id") % 89_999_999
    d = published
    if template == "regional":
        return f"https://www.{SITES['regional'](seed)[1]}/news/{num}.{slug}/"
    if template == "council":
        return f"https://www.{SITES['council'](seed)[1]}/news/{slug}"
    if template == "wordpress":
        dom = SITES["wordpress"](seed)[1]
        return f"https://{dom}/{d.year}/{d.month:02d}/{d.day:02d}/{slug}/" if d else f"https://{dom}/{slug}/"
    if template == "modern":
        return f"https://www.{SITES['modern'](seed)[1]}/news/education/{slug}-{num}"
    if template == "minimal":
        return f"http://www.{SITES['minimal'](seed)[1]}/news/item{num % 100000}.htm"
    dom = SITES["charity"](seed)[1]
    return f"https://www.{dom}/blog/{d.year}/{d.month}/{d.day}/{slug}" if d else f"https://www.{dom}/blog/{slug}"


SITES = {
    "regional": lambda s: pick(s, "site", [("The Northvale Gazette", "northvalegazette.co.uk"),
                                           ("Marshbury Evening Echo", "marshburyecho.co.uk"),
                                           ("Kingsmere Chronicle", "kingsmerechronicle.co.uk")]),
    "council": lambda s: pick(s, "site", [("Eastbridge Borough Council", "eastbridge.gov.uk"),
                                          ("Hollingford District Council", "hollingford.gov.uk")]),
    "wordpress": lambda s: pick(s, "site", [("Brambleford Parent Voices", "bramblefordvoices.org.uk"),
                                            ("The Inclusion Notebook", "inclusionnotebook.wordpress.com")]),
    "modern": lambda s: pick(s, "site", [("Wexcombe Today", "wexcombetoday.com"),
                                         ("The Dunmere Post", "dunmerepost.co.uk")]),
    "minimal": lambda s: pick(s, "site", [("Redmarsh Community News", "redmarsh-news.org.uk"),
                                          ("Lowfield Village Online", "lowfieldvillage.org.uk")]),
    "charity": lambda s: pick(s, "site", [("Castlebridge Families Together", "castlebridgefamilies.org"),
                                          ("Northvale Parent Carer Forum", "northvalepcf.org.uk")]),
}


def t_regional(p: Page) -> str:
    site, domain = SITES["regional"](p.seed)
    author = byline_name(p.seed)
    role = pick(p.seed, "role", ["Education Reporter", "Local Democracy Reporter", "Health Reporter",
                                 "Chief Reporter"])
    title = p.title
    head_title = f"{title} | {site}" if title else site
    meta = [f'<meta name="description" content="{attr(excerpt(p.body))}">',
            f'<meta property="og:type" content="article">',
            f'<meta property="og:site_name" content="{attr(site)}">',
            f'<meta property="og:url" content="{attr(p.url)}">',
            f'<link rel="canonical" href="{attr(p.url)}">',
            f'<meta name="twitter:card" content="summary_large_image">']
    if title:
        meta.insert(1, f'<meta property="og:title" content="{attr(title)}">')
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "mainEntityOfPage": {"@type": "WebPage", "@id": p.url},
          "author": {"@type": "Person", "name": author},
          "publisher": {"@type": "Organization", "name": site,
                        "logo": {"@type": "ImageObject", "url": f"https://www.{domain}/img/logo.png"}},
          "description": excerpt(p.body)}
    if title:
        ld["headline"] = title
    byline_time = ""
    if p.published:
        iso = iso_datetime(p.published, p.seed)
        upd = p.published + dt.timedelta(days=1)
        iso_upd = iso_datetime(upd, p.seed, "upd")
        h, m = clock(p.seed)
        hu, mu = clock(p.seed, "upd")
        meta.append(f'<meta property="article:published_time" content="{iso}">')
        meta.append(f'<meta property="article:modified_time" content="{iso_upd}">')
        ld["datePublished"], ld["dateModified"] = iso, iso_upd
        byline_time = (f'<div class="article-dates"><span class="published">Published: '
                       f'<time datetime="{iso}">{ampm(h, m)} {short_date(p.published)}</time></span> '
                       f'<span class="updated">Updated: <time datetime="{iso_upd}">'
                       f'{ampm(hu, mu)} {short_date(upd)}</time></span></div>')
    nav = "\n".join(f'        <li><a href="/{slugify(n)}/">{esc(n)}</a></li>' for n in NAV)
    share_url = attr(p.url)
    share = f"""      <div class="share-bar">
        <span class="share-title">Share this article</span>
        <a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={share_url}">Facebook</a>
        <a class="share-twitter" href="https://twitter.com/intent/tweet?url={share_url}">Twitter</a>
        <a class="share-whatsapp" href="whatsapp://send?text={share_url}">WhatsApp</a>
        <a class="share-email" href="mailto:?subject=Shared%20article&amp;body={share_url}">Email</a>
      </div>"""
    promos = pick_n(p.seed, "promo", LOCAL_HEADLINES, 2)
    body = blocks(p.body)
    n = len(body)
    positions = [i for i in (2, 6) if i < n] or ([1] if n > 1 else [])
    for k, pos in enumerate(sorted(positions, reverse=True)):
        hl = promos[k % len(promos)]
        body.insert(pos, f'<div class="read-more"><strong>READ MORE:</strong> '
                         f'<a href="/news/{10_000_000 + _h(p.seed, hl) % 89_999_999}.{slugify(hl)}/">'
                         f'{esc(hl)}</a></div>')
    body_html = "\n        ".join(body)
    rel = "\n".join(
        f'        <li><a href="/news/{10_000_000 + _h(p.seed, hl) % 89_999_999}.{slugify(hl)}/">'
        f'<h3>{esc(hl)}</h3></a><time datetime="{d.isoformat()}">{short_date(d)}</time></li>'
        for hl, d in related_items(p.published, p.seed))
    cbase = clutter_base(p.published, p.seed)
    com = []
    for i, (who, txt) in enumerate(zip(pick_n(p.seed, "commenter", COMMENTERS, 3),
                                       pick_n(p.seed, "comment", COMMENTS, 3))):
        cd = cbase + dt.timedelta(days=1 + i // 2)
        hh, mm = clock(p.seed, f"c{i}")
        com.append(f"""        <div class="comment" id="comment-{i + 1}">
          <p class="comment-author">{esc(who)}</p>
          <p class="comment-date"><time datetime="{cd.isoformat()}T{hh:02d}:{mm:02d}:00Z">{ampm(hh, mm)}, {short_date(cd)}</time></p>
          <div class="comment-body"><p>{esc(txt)}</p></div>
          <a class="comment-report" href="#report">Report this comment</a>
        </div>""")
    comments = "\n".join(com)
    h1 = f'<h1 class="headline">{esc(title)}</h1>' if title else ""
    crumb_title = f"<li>{esc(title)}</li>" if title else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(head_title)}</title>
  {chr(10).join('  ' + m for m in meta).lstrip()}
  <link rel="stylesheet" href="/static/css/main.{_h(p.seed, 'css') % 99999:05d}.css">
  <style>
    .cookie-banner {{ position: fixed; bottom: 0; width: 100%; background: #222; color: #fff; }}
    .share-bar a {{ margin-right: 8px; }} .read-more {{ border-left: 4px solid #c00; padding-left: 8px; }}
  </style>
  <script>
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({{"section": "news", "articleId": "{10_000_000 + _h(p.seed, 'id') % 89_999_999}", "paywall": false}});
  </script>
  <script type="application/ld+json">
{json_ld(ld)}
  </script>
</head>
<body class="article-page">
  <div class="cookie-banner" id="cookie-banner">
    <p>We use cookies to give you the best experience on our website. By continuing to browse you
    agree to our use of cookies. <a href="/cookie-policy/">Find out more</a></p>
    <button type="button" class="cookie-accept">Accept all cookies</button>
    <button type="button" class="cookie-settings">Manage settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/"><img src="/img/logo.svg" alt="{attr(site)}"></a>
    <form class="search" action="/search/"><input type="search" name="q" placeholder="Search"><button>Go</button></form>
    <nav class="main-nav" aria-label="Main menu">
      <ul>
{nav}
      </ul>
    </nav>
  </header>
  <div class="container">
    <nav class="breadcrumb" aria-label="Breadcrumb">
      <ol><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>{crumb_title}</ol>
    </nav>
    <div class="article-wrap">
      <div class="article-header">
        {h1}
        <div class="byline">By <a rel="author" href="/author/{slugify(author)}/">{esc(author)}</a>
          <span class="byline-role">{esc(role)}</span></div>
        {byline_time}
      </div>
{share}
      <div class="article-body" itemprop="articleBody">
        {body_html}
      </div>
{share}
      <aside class="related-articles">
        <h2>Related articles</h2>
        <ul>
{rel}
        </ul>
      </aside>
      <section class="newsletter">
        <h2>Get the latest news direct to your inbox</h2>
        <form action="/newsletter/signup" method="post">
          <label for="nl-email">Email address</label>
          <input type="email" id="nl-email" name="email" placeholder="you@example.com">
          <button type="submit">Sign up</button>
          <p class="small">We will use your email address only to send you newsletters. See our privacy notice.</p>
        </form>
      </section>
      <div id="comments" class="comments">
        <h2>Comments (3)</h2>
        <p class="comments-rules">Comments are moderated. Please read our community rules before posting.</p>
{comments}
      </div>
    </div>
  </div>
  <footer class="site-footer">
    <ul class="footer-links">
      <li><a href="/contact-us/">Contact us</a></li><li><a href="/advertise/">Advertise</a></li>
      <li><a href="/terms/">Terms and conditions</a></li><li><a href="/privacy/">Privacy policy</a></li>
      <li><a href="/cookie-policy/">Cookie policy</a></li><li><a href="/sitemap/">Site map</a></li>
    </ul>
    <p class="copyright">&copy; Copyright {(p.published or cbase).year} {esc(site)}. All rights reserved.
    Registered in England and Wales.</p>
  </footer>
  <script src="/static/js/vendor.{_h(p.seed, 'js') % 99999:05d}.js" defer></script>
  <script>
    var promo = "<div class=\\"promo\\">Subscribe today for just \u00a31 a week</div>";
    document.addEventListener("DOMContentLoaded", function () {{
      var b = document.getElementById("cookie-banner");
      if (b && document.cookie.indexOf("consent=1") >= 0) {{ b.style.display = "none"; }}
    }});
  </script>
</body>
</html>
"""


def t_council(p: Page) -> str:
    site, domain = SITES["council"](p.seed)
    title = p.title
    body_html = "\n      ".join(blocks(p.body, "h2"))
    date_html = f'<p class="date">Published: {long_date(p.published)}</p>' if p.published else ""
    updated = ""
    if p.published:
        upd = p.published + dt.timedelta(days=1 + _h(p.seed, "upd") % 5)
        updated = f'<p class="last-updated">Last updated: {long_date(upd)}</p>'
    h1 = f"<h1>{esc(title)}</h1>" if title else ""
    section = "\n".join(f'        <li><a href="/news/{slugify(x)}">{esc(x)}</a></li>' for x in
                        ["Latest news", "Press releases", "Media enquiries", "Social media",
                         "Council meetings", "E-newsletter", "Photo gallery"])
    phone = f"01{_h(p.seed, 'tel') % 900 + 100} {_h(p.seed, 'tel2') % 900000 + 100000}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title + ' - ' + site if title else site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{attr(excerpt(p.body, 120))}">
<link rel="stylesheet" href="/themes/council/css/styles.css">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX{_h(p.seed, 'ga') % 9999}"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());</script>
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-message" role="region" aria-label="Cookies on {attr(site)}">
  <h2>Cookies on our website</h2>
  <p>We use some essential cookies to make this website work. We would like to set additional
  cookies to understand how you use the website.</p>
  <button>Accept additional cookies</button> <button>Reject additional cookies</button>
</div>
<header class="council-header">
  <a href="/" class="council-logo">{esc(site)}</a>
  <nav class="top-links"><a href="/pay">Pay</a> | <a href="/report">Report</a> | <a href="/apply">Apply</a> | <a href="/contact">Contact us</a></nav>
  <form action="/search" class="site-search"><label for="s">Search this site</label><input id="s" name="q"><input type="submit" value="Search"></form>
</header>
<div class="page">
  <nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a></nav>
  <main id="main-content" class="content">
    <div class="news-article">
      {h1}
      {date_html}
      {body_html}
    </div>
    <div class="media-enquiries">
      <h2>Media enquiries</h2>
      <p>Journalists can contact the communications team on {phone} or email press@{domain}.</p>
    </div>
    {updated}
    <form class="page-feedback" action="/feedback" method="post">
      <fieldset>
        <legend>Was this page useful?</legend>
        <label><input type="radio" name="useful" value="yes"> Yes</label>
        <label><input type="radio" name="useful" value="no"> No</label>
      </fieldset>
      <label for="improve">Tell us how we can improve this page (optional)</label>
      <textarea id="improve" name="comments" rows="3"></textarea>
      <p class="hint">Please do not include any personal or financial information.</p>
      <button type="submit">Send feedback</button>
    </form>
  </main>
  <aside class="sidebar">
    <nav aria-label="In this section">
      <h2>In this section</h2>
      <ul>
{section}
      </ul>
    </nav>
    <div class="promo-box"><h3>Sign up for email updates</h3><p>Get council news straight to your inbox.</p></div>
  </aside>
</div>
<footer>
  <ul><li><a href="/accessibility">Accessibility statement</a></li><li><a href="/privacy">Privacy</a></li>
  <li><a href="/cookies">Cookies</a></li><li><a href="/foi">Freedom of information</a></li></ul>
  <p>&copy; {esc(site)}</p>
</footer>
</body>
</html>
"""


def t_wordpress(p: Page) -> str:
    site, domain = SITES["wordpress"](p.seed)
    title = p.title
    author = byline_name(p.seed, "wpauthor")
    body_html = "\n\t\t\t".join(blocks(p.body, "h3"))
    cbase = clutter_base(p.published, p.seed)
    posted = ""
    if p.published:
        iso = iso_datetime(p.published, p.seed)
        posted = (f'<span class="posted-on">Posted on <a href="{attr(p.url)}" rel="bookmark">'
                  f'<time class="entry-date published" datetime="{iso}">{us_date(p.published)}</time>'
                  f'</a></span>')
    tags = pick_n(p.seed, "tags", TAGS, 10)
    cloud = "\n".join(
        f'\t\t\t<a href="https://{domain}/tag/{slugify(t)}/" class="tag-cloud-link" '
        f'style="font-size: {8 + _h(p.seed, t) % 14}pt;">{esc(t)}</a>' for t in sorted(tags))
    months = []
    for k in range(6):
        y, mth = cbase.year, cbase.month - k
        while mth < 1:
            mth += 12
            y -= 1
        months.append(f'\t\t\t<li><a href="https://{domain}/{y}/{mth:02d}/">{MONTHS[mth - 1]} {y}</a></li>')
    recent = "\n".join(f'\t\t\t<li><a href="https://{domain}/{slugify(hl)}/">{esc(hl)}</a></li>'
                       for hl in pick_n(p.seed, "recent", LOCAL_HEADLINES, 4))
    rel = "\n".join(
        f'\t\t<div class="jp-relatedposts-post"><h4><a href="https://{domain}/{slugify(hl)}/">{esc(hl)}</a></h4>'
        f'<p class="jp-relatedposts-post-date">{us_date(d)}</p><p class="jp-relatedposts-post-context">In &quot;News&quot;</p></div>'
        for hl, d in related_items(p.published, p.seed, 3, "wprel"))
    h1 = f'<h1 class="entry-title">{esc(title)}</h1>' if title else ""
    head_title = f"{title} \u2013 {site}" if title else site
    cats = " ".join(f'<a href="https://{domain}/category/{slugify(c)}/" rel="category tag">{esc(c)}</a>'
                    for c in ["News", "Campaigns"])
    tag_links = ", ".join(f'<a href="https://{domain}/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in tags[:3])
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{esc(head_title)}</title>
<meta name='robots' content='max-image-preview:large'>
<link rel="alternate" type="application/rss+xml" title="{attr(site)} &raquo; Feed" href="https://{domain}/feed/">
<link rel='stylesheet' id='wp-block-library-css' href='https://{domain}/wp-includes/css/dist/block-library/style.min.css?ver=6.1.1' type='text/css' media='all'>
<link rel="shortlink" href="https://{domain}/?p={_h(p.seed, 'wpid') % 9000 + 100}">
<script type='text/javascript' src='https://{domain}/wp-includes/js/jquery/jquery.min.js?ver=3.6.1' id='jquery-core-js'></script>
<style id='global-styles-inline-css' type='text/css'>
body{{--wp--preset--color--black: #000000;--wp--preset--font-size--small: 13px;}}
</style>
</head>
<body class="post-template-default single single-post postid-{_h(p.seed, 'wpid') % 9000 + 100} single-format-standard">
<div id="page" class="site">
\t<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
\t<header id="masthead" class="site-header">
\t\t<p class="site-title"><a href="https://{domain}/" rel="home">{esc(site)}</a></p>
\t\t<p class="site-description">News, views and support for families</p>
\t\t<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
\t\t\t<li><a href="https://{domain}/">Home</a></li><li><a href="https://{domain}/about/">About us</a></li>
\t\t\t<li><a href="https://{domain}/category/news/">News</a></li><li><a href="https://{domain}/events/">Events</a></li>
\t\t\t<li><a href="https://{domain}/contact/">Contact</a></li></ul></nav>
\t</header>
\t<div id="content" class="site-content">
\t<div id="primary" class="content-area"><main id="main" class="site-main">
\t<article id="post-{_h(p.seed, 'wpid') % 9000 + 100}" class="post type-post status-publish format-standard hentry category-news">
\t\t<header class="entry-header">
\t\t\t{h1}
\t\t\t<div class="entry-meta">{posted}<span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://{domain}/author/{slugify(author)}/">{esc(author)}</a></span></span></div>
\t\t</header>
\t\t<div class="entry-content">
\t\t\t{body_html}
\t\t<div id="jp-relatedposts" class="jp-relatedposts">
\t\t<h3 class="jp-relatedposts-headline"><em>Related Articles</em></h3>
{rel}
\t\t</div>
\t\t</div>
\t\t<footer class="entry-footer"><span class="cat-links">Posted in {cats}</span> <span class="tags-links">Tagged {tag_links}</span></footer>
\t</article>
\t<nav class="navigation post-navigation"><h2 class="screen-reader-text">Post navigation</h2>
\t\t<div class="nav-previous"><a href="https://{domain}/" rel="prev">Previous post</a></div>
\t\t<div class="nav-next"><a href="https://{domain}/" rel="next">Next post</a></div></nav>
\t<div id="comments" class="comments-area">
\t\t<div id="respond" class="comment-respond">
\t\t<h3 id="reply-title" class="comment-reply-title">LEAVE A REPLY</h3>
\t\t<form action="https://{domain}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
\t\t\t<p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
\t\t\t<p class="comment-form-comment"><label for="comment">Comment *</label><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
\t\t\t<p class="comment-form-author"><label for="author">Name *</label><input id="author" name="author" type="text"></p>
\t\t\t<p class="comment-form-email"><label for="email">Email *</label><input id="email" name="email" type="email"></p>
\t\t\t<p class="comment-form-url"><label for="url">Website</label><input id="url" name="url" type="url"></p>
\t\t\t<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"><label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
\t\t\t<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
\t\t</form>
\t\t</div>
\t</div>
\t</main></div>
\t<aside id="secondary" class="widget-area">
\t\t<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="https://{domain}/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" name="s"></label><input type="submit" class="search-submit" value="Search"></form></section>
\t\t<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
{recent}
\t\t</ul></section>
\t\t<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul>
{chr(10).join(months)}
\t\t</ul></section>
\t\t<section id="tag_cloud-2" class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">
{cloud}
\t\t</div></section>
\t\t<section id="meta-2" class="widget widget_meta"><h2 class="widget-title">Meta</h2><ul><li><a href="https://{domain}/wp-login.php">Log in</a></li><li><a href="https://{domain}/feed/">Entries feed</a></li><li><a href="https://wordpress.org/">WordPress.org</a></li></ul></section>
\t</aside>
\t</div>
\t<footer id="colophon" class="site-footer"><div class="site-info"><a href="https://wordpress.org/">Proudly powered by WordPress</a> <span class="sep"> | </span> Theme: Twenty Nineteen.</div></footer>
</div>
<script type='text/javascript' src='https://{domain}/wp-includes/js/comment-reply.min.js?ver=6.1.1' id='comment-reply-js'></script>
</body>
</html>
"""


JOBS = ["Teaching Assistant (Level 2), Primary, \u00a319,650 - \u00a321,200 pro rata",
        "Family Support Worker, 37 hours, \u00a326,421 - \u00a328,770",
        "Delivery Driver, competitive pay plus bonus",
        "Accounts Assistant, part time, hybrid working",
        "Care Assistant, nights, \u00a311.50 per hour",
        "Site Manager, secondary school, \u00a330,000 - \u00a333,000"]


def t_modern(p: Page) -> str:
    site, domain = SITES["modern"](p.seed)
    title = p.title
    author = byline_name(p.seed, "modauthor")
    body = blocks(p.body, "h2", '<p class="article-paragraph">')
    positions = [i for i in (1, 4) if i < len(body)]
    for k, pos in enumerate(sorted(positions, reverse=True)):
        slot = ["mpu", "inline"][k % 2]
        body.insert(pos, f'<div class="ad-slot ad-slot--{slot}" data-ad-unit="/2108/{slugify(site)}/news/{slot}{k + 1}" '
                         f'aria-hidden="true"><span class="ad-label">Advertisement</span></div>')
    body_html = "\n          ".join(body)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "url": p.url,
          "author": [{"@type": "Person", "name": author}],
          "publisher": {"@type": "NewsMediaOrganization", "name": site},
          "isAccessibleForFree": True}
    if title:
        ld["headline"] = title
    if p.published:
        ld["datePublished"] = iso_datetime(p.published, p.seed).replace("+00:00", "Z")
    most = "\n".join(f'            <li><a href="/news/{slugify(hl)}-{_h(p.seed, hl) % 99999}">{esc(hl)}</a></li>'
                     for hl in pick_n(p.seed, "most", LOCAL_HEADLINES, 5))
    jobs = "\n".join(f'            <li><a href="https://jobs.{domain}/job/{_h(p.seed, j) % 99999}">{esc(j)}</a></li>'
                     for j in pick_n(p.seed, "jobs", JOBS, 3))
    h1 = f'<h1 class="article-title">{esc(title)}</h1>' if title else ""
    og = f'<meta property="og:title" content="{attr(title)}">' if title else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>{esc(title or site)}</title>{og}<meta property="og:url" content="{attr(p.url)}"/><link rel="preload" href="/_next/static/css/{_h(p.seed, 'css') % 99999:05x}.css" as="style"/><script type="application/ld+json">{json_ld(ld)}</script></head>
<body><div id="__next"><div class="layout">
  <div class="ad-slot ad-slot--leaderboard" data-ad-unit="/2108/{slugify(site)}/top" aria-hidden="true"><span class="ad-label">Advertisement</span></div>
  <header class="masthead"><a href="/" class="masthead__logo">{esc(site)}</a>
    <nav><a href="/news">News</a><a href="/sport">Sport</a><a href="/whats-on">What's on</a><a href="/opinion">Opinion</a><a href="/jobs">Jobs</a></nav>
    <a class="masthead__subscribe" href="/subscribe">Subscribe</a></header>
  <main class="main">
    <div class="grid">
      <article class="article">
        <header class="article__header">
          {h1}
          <div class="article__byline"><span class="author">By {esc(author)}</span></div>
        </header>
        <div class="article__body">
          {body_html}
        </div>
        <div class="paywall-prompt newsletter-cta">
          <h3>Subscribe to our newsletter</h3>
          <p>The day's biggest stories, delivered to your inbox every morning.</p>
          <form><input type="email" placeholder="Enter your email"/><button type="submit">Subscribe</button></form>
        </div>
      </article>
      <aside class="rail">
        <div class="ad-slot ad-slot--mpu" data-ad-unit="/2108/{slugify(site)}/rail" aria-hidden="true"><span class="ad-label">Advertisement</span></div>
        <section class="most-read"><h2>Most read</h2>
          <ol>
{most}
          </ol>
        </section>
        <section class="jobs-box"><h2>Local jobs</h2>
          <ul>
{jobs}
          </ul>
          <a href="https://jobs.{domain}/">See all jobs</a>
        </section>
      </aside>
    </div>
  </main>
  <footer class="footer"><p>{esc(site)} is part of Wexcombe Media Ltd. All rights reserved.</p>
    <a href="/privacy">Privacy</a> <a href="/terms">Terms</a> <a href="/contact">Contact</a></footer>
</div></div>
<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"section":"news","template":"article"}}}},"page":"/news/[slug]","buildId":"b{_h(p.seed, 'build') % 99999}"}}</script>
<script src="/_next/static/chunks/main-{_h(p.seed, 'chunk') % 999999:06x}.js" async=""></script>
</body></html>
"""


def t_minimal(p: Page) -> str:
    site, domain = SITES["minimal"](p.seed)
    title = p.title
    paras = []
    for i, para in enumerate(p.body):
        if is_subheading(p.body, i):
            paras.append(f"<P><B>{esc(para)}</B></P>")
        else:
            paras.append(f"<P>{esc(para)}</P>")
    body_html = "\n".join(paras)
    date = (f'<span class="date">Published {weekday_date(p.published)}</span><BR>\n'
            if p.published else "")
    head = f"<FONT SIZE=\"4\"><B>{esc(title)}</B></FONT><BR>\n" if title else ""
    nav = "\n".join(f'<TR><TD><A HREF="/{slugify(x)}.htm">{esc(x)}</A></TD></TR>'
                    for x in ["Home", "News", "Events diary", "Clubs & societies", "Parish council",
                              "Links", "Contact"])
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<meta charset="windows-1252">
<TITLE>{esc(title or site)}</TITLE>
</HEAD>
<BODY BGCOLOR="#FFFFFF" TEXT="#000000" LINK="#003399">
<TABLE WIDTH="760" BORDER="0" CELLPADDING="4" CELLSPACING="0" ALIGN="center">
<TR><TD COLSPAN="2" BGCOLOR="#003366"><FONT FACE="Arial" COLOR="#FFFFFF" SIZE="5">{esc(site)}</FONT></TD></TR>
<TR>
<TD WIDTH="150" VALIGN="top" BGCOLOR="#E8EEF4">
<TABLE WIDTH="100%" BORDER="0">
{nav}
</TABLE>
<P><FONT SIZE="1">Visitors: {_h(p.seed, 'hits') % 90000 + 10000}</FONT></P>
</TD>
<TD VALIGN="top"><FONT FACE="Arial, Helvetica, sans-serif" SIZE="2">
{head}{date}{body_html}
<P><A HREF="/news.htm">&lt;&lt; Back to news</A></P>
</FONT></TD>
</TR>
<TR><TD COLSPAN="2" ALIGN="center"><FONT SIZE="1">Site maintained by volunteers. Email webmaster@{domain} | <A HREF="#top">Back to top</A></FONT></TD></TR>
</TABLE>
</BODY>
</HTML>
"""


def t_charity(p: Page) -> str:
    site, domain = SITES["charity"](p.seed)
    title = p.title
    body_html = "\n        ".join(blocks(p.body, "h2"))
    date = ""
    micro = ""
    if p.published:
        date = f'<span class="blog-date">{numeric_date(p.published)}</span>'
        micro = f'<meta itemprop="datePublished" content="{p.published.isoformat()}">'
    author = byline_name(p.seed, "charauthor").split()[0]
    h1 = f'<h1 class="blog-title" itemprop="headline">{esc(title)}</h1>' if title else ""
    head_title = f"{title} \u2014 {site}" if title else site
    events = "\n".join(f'        <li>{esc(x)}</li>' for x in pick_n(p.seed, "events", [
        "Coffee morning for parent carers, every first Tuesday",
        "Sibling group meets during the school holidays",
        "Drop-in advice sessions at the library",
        "Family swim sessions for members",
        "Annual general meeting and summer picnic"], 3))
    return f"""<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{esc(head_title)}</title>
  <meta name="viewport" content="initial-scale=1">
  <link rel="canonical" href="{attr(p.url)}">
  <meta property="og:site_name" content="{attr(site)}">
  <meta property="og:type" content="article">
  <link rel="stylesheet" type="text/css" href="https://static.example-cdn.net/site/{_h(p.seed, 'css') % 99999}/site.css">
  <script>Static = window.Static || {{}}; Static.SQUARESPACE_CONTEXT = {{"website": {{"siteTitle": {json.dumps(site)}}}}};</script>
</head>
<body id="collection-{_h(p.seed, 'col') % 999999:06x}" class="blog-item">
  <div class="announcement-bar"><p>Can you help? <a href="/donate">Donate today</a> and help us support local families.</p></div>
  <header class="header">
    <a href="/" class="header-title">{esc(site)}</a>
    <nav class="header-nav"><a href="/about">About</a> <a href="/support">Support</a> <a href="/blog">Blog</a> <a href="/events">Events</a> <a href="/donate" class="btn">Donate</a></nav>
  </header>
  <main class="content">
    <article class="blog-item-wrapper" itemscope itemtype="http://schema.org/BlogPosting">
      {micro}
      <div class="blog-item-top"><a href="/blog" class="back">&larr; All posts</a></div>
      {h1}
      <div class="blog-meta">{date} <span class="blog-author">Written by {esc(author)}</span></div>
      <div class="blog-item-content" itemprop="articleBody">
        {body_html}
      </div>
      <div class="blog-item-share"><span>Share</span> <a href="https://www.facebook.com/sharer/sharer.php?u={attr(p.url)}">Facebook</a> <a href="https://twitter.com/intent/tweet?url={attr(p.url)}">Twitter</a> <a href="https://www.linkedin.com/sharing/share-offsite/?url={attr(p.url)}">LinkedIn</a></div>
    </article>
    <section class="sidebar-events">
      <h2>Coming up</h2>
      <ul>
{events}
      </ul>
    </section>
  </main>
  <footer class="footer">
    <p>{esc(site)} is a registered charity no. {1100000 + _h(p.seed, 'charity') % 99999}.</p>
    <p>Follow us: <a href="https://facebook.com/">Facebook</a> &middot; <a href="https://instagram.com/">Instagram</a></p>
    <form class="newsletter-form"><label>Join our mailing list</label><input type="email" name="email"><button>Sign up</button></form>
  </footer>
</body>
</html>
"""


TEMPLATES = {
    "regional": t_regional,
    "council": t_council,
    "wordpress": t_wordpress,
    "modern": t_modern,
    "minimal": t_minimal,
    "charity": t_charity,
}
TEMPLATE_NAMES = list(TEMPLATES)
ENCODINGS = {"minimal": "cp1252"}


def render(text: str, template=None, seed=None, title=None, published=None, url=None, stem="") -> bytes:
    """Render article text as a web page; returns the encoded page."""
    text_date, paragraphs = parse_article(text)
    if published is None:
        published = text_date
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    if seed is None:
        seed = seed_from_stem(stem)
    if template is None:
        template = TEMPLATE_NAMES[seed % len(TEMPLATE_NAMES)]
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; known: {', '.join(TEMPLATE_NAMES)}")
    page_title, body = choose_title(paragraphs, title)
    if not body:
        body = [""]
    if not url:
        url = default_url(template, page_title, published, seed, stem)
    page = Page(page_title, body, published, url, seed, stem)
    out = TEMPLATES[template](page)
    enc = ENCODINGS.get(template, "utf-8")
    return out.encode(enc, "xmlcharrefreplace")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", help="plain-text article (UTF-8)")
    ap.add_argument("output", nargs="?", help="HTML file to write")
    ap.add_argument("--template", choices=TEMPLATE_NAMES, help="site template (default: from the seed)")
    ap.add_argument("--seed", type=int, help="number that picks the template (unless --template) and "
                    "the clutter; default: derived from the input file's stem")
    ap.add_argument("--title")
    ap.add_argument("--published", help="YYYY-MM-DD (overrides a ' date ...' prefix)")
    ap.add_argument("--url")
    ap.add_argument("--list", action="store_true", help="print the template names and exit")
    a = ap.parse_args(argv)
    if a.list:
        print("\n".join(TEMPLATE_NAMES))
        return 0
    if not a.input or not a.output:
        ap.error("IN.txt and OUT.html are required")
    loaded = read_input(ap, a, "render_html.py")
    if loaded is None:
        return 1
    published, text = loaded
    stem = Path(a.input).stem
    seed = a.seed
    data = render(text, template=a.template, seed=seed, title=a.title, published=published,
                  url=a.url, stem=stem)
    Path(a.output).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
