// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("form[data-messages]").forEach(enhanceMessageForm);
});

// A message with files: each file gets an upload form from the access center and goes straight to
// the files bucket (a presigned POST), then the message is sent with their ids. Without this script
// the form sends text only.
function enhanceMessageForm(form) {
  var picker = form.querySelector("input[type=file]");
  var status = form.querySelector("[data-message-status]");
  var fileError = form.querySelector("#message-files-error");
  picker.closest(".attach").hidden = false;
  function say(text) { status.textContent = text; status.hidden = !text; }
  // The page's own words (data-say-* of _messages.html, in the page's language), %(name)s filled in.
  function words(name, values) {
    return form.dataset[name].replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }
  // JSON answers' messages in the page's language, whatever the browser's own preference.
  var language = document.documentElement.lang;
  // A refused file: the reason (which file, and why) beside the picker, announced with it.
  function refuseFiles(text) {
    fileError.textContent = text;
    fileError.hidden = !text;
    if (text) {
      picker.setAttribute("aria-invalid", "true");
      picker.setAttribute("aria-describedby", fileError.id);
    } else {
      picker.removeAttribute("aria-invalid");
      picker.removeAttribute("aria-describedby");
    }
  }
  function FileRefused(message) { this.message = message; }
  async function upload(file) {
    var started = await fetch(form.dataset.attachments, {
      method: "POST",
      headers: {"Content-Type": "application/json", "Accept-Language": language},
      body: JSON.stringify({filename: file.name, content_type: file.type || "application/octet-stream", size: file.size}),
    });
    var answer = await started.json();
    if (started.status === 400) { throw new FileRefused(answer.message); }  // it names the file
    if (started.status !== 201) { throw new Error(answer.message); }
    var data = new FormData();
    Object.entries(answer.upload.fields).forEach(function (field) { data.append(field[0], field[1]); });
    data.append("file", file);
    var sent = await fetch(answer.upload.url, {method: "POST", body: data});
    if (!sent.ok) { throw new FileRefused(words("sayUploadFailed", {filename: file.name, status: sent.status})); }
    return answer.attachment_id;
  }
  picker.addEventListener("change", function () { refuseFiles(""); });
  form.addEventListener("submit", async function (event) {
    if (!picker.files.length) { return; }  // text only: the plain form post
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    var most = Number(form.dataset.maxFiles);
    refuseFiles("");
    if (picker.files.length > most) {
      refuseFiles(words("sayTooMany", {most: most, chosen: picker.files.length}));
      picker.focus();
      return;
    }
    button.disabled = true;
    try {
      say(words("sayUploading", {}));
      var ids = [];
      for (var file of picker.files) { ids.push(await upload(file)); }
      var body = form.querySelector("textarea[name=body]").value;
      var posted = await fetch(form.dataset.messages, {
        method: "POST",
        headers: {"Content-Type": "application/json", "Accept-Language": language},
        body: JSON.stringify({body: body, attachment_ids: ids}),
      });
      if (posted.status !== 201) {
        var refused = await posted.json();
        var aboutFiles = posted.status === 422 || (refused.details || []).some(function (d) { return d.field === "attachment_ids"; });
        throw aboutFiles ? new FileRefused(refused.message) : new Error(refused.message);
      }
      window.location.hash = "messages";
      window.location.reload();
    } catch (error) {
      if (error instanceof FileRefused) {
        say(words("sayNotSent", {}));
        refuseFiles(error.message);
        picker.focus();
      } else {
        say(words("sayNotSentBecause", {reason: error.message}));
      }
      button.disabled = false;
    }
  });
}
