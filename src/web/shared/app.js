/*
 * The pages work without JavaScript; this only adds conveniences. Served as part of the pages'
 * one script, /assets/app.<hash>.js (the Content-Security-Policy allows scripts from this site
 * only, never inline).
 */
(function () {
  'use strict';
  // A form button with data-confirm asks before it sends (cancelling, rejecting…).
  document.addEventListener('submit', function (event) {
    var button = event.submitter;
    var message =
      (button && button.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // The header's menu button: a link to the menu without JavaScript, a toggle with it.
  var menuButton = document.querySelector('.menu-button');
  var header = document.querySelector('header.top');
  if (menuButton && header) {
    menuButton.setAttribute('role', 'button');
    menuButton.setAttribute('aria-expanded', 'false');
    menuButton.addEventListener('click', function (event) {
      event.preventDefault();
      var open = !header.classList.contains('open');
      header.classList.toggle('open', open);
      header.classList.toggle('closed', !open);
      menuButton.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) {
        var first = header.querySelector('.menu a');
        if (first) first.focus();
      }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || !header.classList.contains('open')) return;
      header.classList.remove('open');
      header.classList.add('closed');
      menuButton.setAttribute('aria-expanded', 'false');
      menuButton.focus();
    });
  }

  // After a search, the results come first: scroll to them and move the focus there.
  var results = document.querySelector('[data-results-first]');
  if (results) {
    results.setAttribute('tabindex', '-1');
    results.focus();
    results.scrollIntoView();
  }
})();
