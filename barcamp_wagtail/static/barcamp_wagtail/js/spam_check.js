/*
 * The spam check of the public forms (see barcamp_wagtail/spam_check.py).
 *
 * Google reCAPTCHA is loaded only when the visitor presses "Load Google reCAPTCHA" (consent
 * first); if the script cannot load (blocked, offline, too slow) the page says so and points to
 * the check without Google. That check is the ALTCHA widget from the site's own static files,
 * given our own words in the page's language.
 *
 * The file may be included once per form; it does its work once.
 */
(function () {
  "use strict";
  if (window.barcampSpamCheck) {
    return;
  }
  window.barcampSpamCheck = true;

  var LOAD_TIMEOUT = 15000;
  var loading = null;

  function loadGoogle(src) {
    if (loading) {
      return loading;
    }
    loading = new Promise(function (resolve, reject) {
      var callback = "barcampRecaptchaLoaded";
      var timer = window.setTimeout(function () {
        reject(new Error("timeout"));
      }, LOAD_TIMEOUT);
      window[callback] = function () {
        window.clearTimeout(timer);
        resolve(window.grecaptcha);
      };
      var script = document.createElement("script");
      script.src = src + "&onload=" + callback;
      script.async = true;
      script.onerror = function () {
        window.clearTimeout(timer);
        reject(new Error("blocked"));
      };
      document.head.appendChild(script);
    });
    // A later press may try again (another network, the blocker switched off).
    loading.catch(function () {
      loading = null;
    });
    return loading;
  }

  function showFallback(box) {
    var form = box.closest("form");
    var fallback = form && form.querySelector("altcha-widget");
    if (fallback) {
      fallback.scrollIntoView({ block: "center" });
    }
  }

  function setUpRecaptcha(box) {
    var button = box.querySelector("[data-recaptcha-load]");
    if (!button) {
      return;
    }
    var label = button.textContent;
    var failed = box.querySelector("[data-recaptcha-failed]");
    var ready = box.querySelector("[data-recaptcha-ready]");
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = button.getAttribute("data-loading");
      failed.hidden = true;
      loadGoogle(box.getAttribute("data-src")).then(
        function (grecaptcha) {
          button.hidden = true;
          if (box.getAttribute("data-version") === "3") {
            grecaptcha.ready(function () {
              grecaptcha
                .execute(box.getAttribute("data-sitekey"), { action: box.getAttribute("data-action") })
                .then(function (token) {
                  box.querySelector("[data-recaptcha-token]").value = token;
                  ready.hidden = false;
                });
            });
          } else {
            grecaptcha.render(box.querySelector("[data-recaptcha-slot]"), {
              sitekey: box.getAttribute("data-sitekey"),
            });
          }
        },
        function () {
          button.disabled = false;
          button.textContent = label;
          failed.hidden = false;
          showFallback(box);
        }
      );
    });
  }

  function setUpChallenge(widget) {
    var strings = widget.parentElement.querySelector('script[type="application/json"]');
    if (!strings || !window.customElements) {
      return;
    }
    var words = JSON.parse(strings.textContent);
    // The widget's module may run after this script: give it our words once it is there.
    window.customElements.whenDefined("altcha-widget").then(function () {
      window.$altcha.i18n.set(words.language, words.strings);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-barcamp-recaptcha]"), setUpRecaptcha);
    Array.prototype.forEach.call(document.querySelectorAll("altcha-widget"), setUpChallenge);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
