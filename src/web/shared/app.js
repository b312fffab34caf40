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
})();
