// The scripts the national layouts' pages load, so that the synthetic web behaves in a browser
// as the sites it imitates do: /assets/app.js (load-more-json) fetches further ads from the JSON
// API when "load more" is clicked and a number when "show number" is clicked; /static/feed.js
// (infinite-scroll) fetches the next fragment of the feed when its "show more" link scrolls into
// view. A crawler that reads HTML only never runs them; the HTML they act on is unchanged.
// Also the empty shell of a script-rendered site (server.ts `scriptRendered`).

import { esc, type DemoResponse } from '../../html.ts';

/** Asked for by a shell page (and feed.js) to get a page's real HTML rather than the shell. */
export const CONTENT_HEADER = 'x-kartla-content';

export function script(source: string): DemoResponse {
  return { status: 200, contentType: 'text/javascript; charset=utf-8', body: source };
}

export const APP_JS = `// "Load more" and "show number" (demo site).
function card(item) {
  const article = document.createElement('article');
  article.className = 'ad-card';
  article.dataset.id = String(item.id);
  const link = document.createElement('a');
  link.className = 'ad-card__link';
  link.href = item.url;
  const title = document.createElement('h2');
  title.className = 'ad-card__title';
  title.textContent = item.title;
  link.append(title);
  const city = document.createElement('span');
  city.className = 'ad-card__city';
  city.textContent = item.city;
  article.append(link, city);
  return article;
}

async function loadMore(button) {
  const endpoint = new URL(button.dataset.endpoint, location.href);
  button.disabled = true;
  try {
    const response = await fetch(endpoint, { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const page = await response.json();
    const grid = document.getElementById('ads');
    for (const item of page.items) grid.append(card(item));
    if (page.next === null || page.next === undefined) {
      button.remove();
      return;
    }
    endpoint.searchParams.set('offset', String(page.next));
    button.dataset.endpoint = endpoint.pathname + endpoint.search;
  } finally {
    button.disabled = false;
  }
}

async function reveal(button) {
  button.disabled = true;
  try {
    const response = await fetch(new URL(button.dataset.reveal, location.href), { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const answer = await response.json();
    const number = document.createElement('span');
    number.className = 'phone';
    number.textContent = answer.phone;
    button.replaceWith(number);
  } finally {
    button.disabled = false;
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const more = target && target.closest('button.load-more');
  if (more && !more.disabled) {
    event.preventDefault();
    void loadMore(more);
    return;
  }
  const show = target && target.closest('button.reveal-phone');
  if (show && !show.disabled) {
    event.preventDefault();
    void reveal(show);
  }
});
`;

export const FEED_JS = `// Infinite scroll (demo site): the "show more" link is fetched when it scrolls into view.
(function () {
  'use strict';
  var loading = false;
  var observer = 'IntersectionObserver' in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            more(entry.target);
          }
        });
      })
    : null;

  function watch(link) {
    if (observer) observer.observe(link);
  }

  function more(link) {
    if (loading) return;
    loading = true;
    fetch(link.href, { headers: { '${CONTENT_HEADER}': '1' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var fragment = new DOMParser().parseFromString(html, 'text/html').querySelector('.feed');
        var next = null;
        if (fragment) {
          Array.prototype.slice.call(fragment.children).forEach(function (child) {
            if (child.matches('a.load-more')) next = child;
            else link.before(document.importNode(child, true));
          });
        }
        if (next) {
          var replacement = document.importNode(next, true);
          link.replaceWith(replacement);
          watch(replacement);
        } else {
          link.remove();
        }
      })
      .catch(function () {
        watch(link);
      })
      .then(function () {
        loading = false;
      });
  }

  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('.feed a.load-more') : null;
    if (link) {
      event.preventDefault();
      more(link);
    }
  });

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('.feed a.load-more'), watch);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

/**
 * A script-rendered site's page as served to a plain request: an empty shell whose script asks
 * for the same URL again with CONTENT_HEADER and writes the answer in as the document, so only a
 * client that runs scripts ever sees an ad.
 */
export function shell(lang: string, loading: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(loading)}</title></head>
<body>
<div id="root"><p class="loading">${esc(loading)}</p><noscript>JavaScript krävs / JavaScript required.</noscript></div>
<script>
fetch(location.href, { headers: { '${CONTENT_HEADER}': '1' } })
  .then(function (response) { return response.text(); })
  .then(function (html) { document.open(); document.write(html); document.close(); });
</script>
</body>
</html>
`;
}
