// Optional: scan the customer's code with the camera where the browser has BarcodeDetector (QR codes).
(function () {
  var button = document.getElementById("scanner");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var video = document.getElementById("camera");
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream; video.hidden = false; video.play();
      var timer = setInterval(function () {
        detector.detect(video).then(function (codes) {
          if (!codes.length) return;
          clearInterval(timer);
          stream.getTracks().forEach(function (t) { t.stop(); });
          var input = document.querySelector("input[name=code]");
          input.value = codes[0].rawValue.replace(/^.*:/, "");
          input.form.submit();
        }).catch(function () {});
      }, 400);
    }).catch(function () { button.textContent = "Caméra indisponible : tapez le code"; });
  });
})();
