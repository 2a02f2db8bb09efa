// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // "Select all" checkbox of the queue's bulk form.
  for (const all of document.querySelectorAll("input.select-all")) {
    all.hidden = false;
    all.addEventListener("change", () => {
      for (const box of document.querySelectorAll('#bulk input[name="ma"]')) box.checked = all.checked;
    });
  }
  // Response templates: copy one into the reply box and pick its status.
  for (const b of document.querySelectorAll("button.use-template")) {
    b.hidden = false;
    b.addEventListener("click", () => {
      const note = document.getElementById("note");
      const status = document.getElementById("status");
      if (note) note.value = b.dataset.text || "";
      if (status && b.dataset.status) status.value = b.dataset.status;
      note?.focus();
    });
  }
});
