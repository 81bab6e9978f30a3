// Self-hosted proof of work: find a nonce so that sha256(challenge + ":" + nonce)
// starts with N zero bits. The server checks the same; no third party is involved.
(function () {
  "use strict";
  function zeroBits(bytes, bits) {
    for (var i = 0; i < bits; i++) {
      if (bytes[i >> 3] & (0x80 >> (i & 7))) return false;
    }
    return true;
  }
  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var nonce = 0; ; nonce++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + nonce));
      if (zeroBits(new Uint8Array(digest), bits)) return String(nonce);
    }
  }
  document.querySelectorAll("input[name=pow_challenge]").forEach(function (input) {
    var form = input.form;
    var nonceInput = form.querySelector("input[name=pow_nonce]");
    var status = form.querySelector(".pow-status");
    var ready = solve(input.value, parseInt(input.dataset.powBits, 10)).then(function (nonce) {
      nonceInput.value = nonce;
    });
    form.addEventListener("submit", function (event) {
      if (nonceInput.value) return;
      event.preventDefault();
      if (status) status.hidden = false;
      ready.then(function () { form.submit(); });
    });
  });
})();
