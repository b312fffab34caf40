/*
 * The Today page refreshes itself: every minute it fetches the page again and replaces the grid
 * region, unless a form inside the page has the focus or updates are paused. A polite live region
 * says when it last updated. Without JavaScript the page has a visible "Refresh" link instead.
 */
(function () {
  'use strict';
  var region = document.getElementById('today-region');
  var link = document.querySelector('[data-refresh-link]');
  if (!region || !link || !window.fetch || !window.DOMParser) return;
  var status = document.getElementById('today-status');
  var pause = document.getElementById('today-pause');
  var paused = false;
  if (pause) {
    pause.hidden = false;
    pause.addEventListener('click', function () {
      paused = !paused;
      pause.setAttribute('aria-pressed', paused ? 'true' : 'false');
      pause.textContent = pause.getAttribute(paused ? 'data-resume' : 'data-pause');
    });
  }
  // Not while someone is in a form, nor while the focus is inside the grid (it would be lost).
  function busy() {
    var active = document.activeElement;
    return !!(
      active &&
      active.closest &&
      (active.closest('form') || active.closest('#today-region'))
    );
  }
  function refresh() {
    if (paused || document.hidden || busy()) return;
    fetch(link.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (text) {
        if (!text || paused || busy()) return;
        var fresh = new DOMParser()
          .parseFromString(text, 'text/html')
          .getElementById('today-region');
        if (!fresh) return;
        var current = document.getElementById('today-region');
        current.innerHTML = fresh.innerHTML;
        current.setAttribute('data-stamp', fresh.getAttribute('data-stamp') || '');
        if (status) {
          status.textContent = (status.getAttribute('data-template') || '{time}').replace(
            '{time}',
            fresh.getAttribute('data-stamp') || '',
          );
        }
      })
      .catch(function () {});
  }
  var seconds = Number(region.getAttribute('data-interval')) || 60;
  window.setInterval(refresh, seconds * 1000);
  window.makonTodayRefresh = refresh;

  // A free stretch opens the booking form at the quarter hour that was clicked (the link alone,
  // followed by keyboard or without this script, starts at the stretch's beginning).
  var QUARTER = 15 * 60000;
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-free-from]');
    if (!link || event.detail === 0) return;
    var from = Number(link.getAttribute('data-free-from'));
    var to = Number(link.getAttribute('data-free-to'));
    var box = link.getBoundingClientRect();
    if (!box.width || !(to > from)) return;
    var at = from + ((event.clientX - box.left) / box.width) * (to - from);
    var start = Math.max(from, Math.floor(at / QUARTER) * QUARTER);
    if (start >= to) return;
    var end = Math.min(to, start + 4 * QUARTER);
    var offset = Number(link.getAttribute('data-zone-offset')) * 60000;
    var clock = function (ms) {
      return new Date(ms + offset).toISOString().slice(11, 16);
    };
    var url = new window.URL(link.href);
    url.searchParams.set('date', new Date(start + offset).toISOString().slice(0, 10));
    url.searchParams.set('startTime', clock(start));
    url.searchParams.set('endTime', clock(end));
    link.href = url.toString();
  });
})();
