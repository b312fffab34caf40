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
})();
