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
  picker.closest(".attach").hidden = false;
  function say(text) { status.textContent = text; status.hidden = !text; }
  async function upload(file) {
    var started = await fetch(form.dataset.attachments, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({filename: file.name, content_type: file.type || "application/octet-stream", size: file.size}),
    });
    var answer = await started.json();
    if (started.status !== 201) { throw new Error(file.name + ": " + answer.message); }
    var data = new FormData();
    Object.entries(answer.upload.fields).forEach(function (field) { data.append(field[0], field[1]); });
    data.append("file", file);
    var sent = await fetch(answer.upload.url, {method: "POST", body: data});
    if (!sent.ok) { throw new Error(file.name + ": the upload was refused (" + sent.status + ")"); }
    return answer.attachment_id;
  }
  form.addEventListener("submit", async function (event) {
    if (!picker.files.length) { return; }  // text only: the plain form post
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      say("Uploading…");
      var ids = [];
      for (var file of picker.files) { ids.push(await upload(file)); }
      var body = form.querySelector("textarea[name=body]").value;
      var posted = await fetch(form.dataset.messages, {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({body: body, attachment_ids: ids}),
      });
      if (posted.status !== 201) { throw new Error((await posted.json()).message); }
      window.location.hash = "messages";
      window.location.reload();
    } catch (error) {
      say("Not sent: " + error.message);
      button.disabled = false;
    }
  });
}
