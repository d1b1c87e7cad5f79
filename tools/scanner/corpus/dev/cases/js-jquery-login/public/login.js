$(function () {
  $('#login').on('submit', function (e) {
    e.preventDefault();
    $.ajax({
      url: window.JIRA_BASE + '/rest/auth/1/session',
      type: 'POST',
      contentType: 'application/json',
      data: JSON.stringify({ username: $('#user').val(), password: $('#pass').val() }),
      xhrFields: { withCredentials: true },
    });
  });
});
