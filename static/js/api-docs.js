// The API's documentation page (/api/v1/docs/): Swagger UI, from the site's own static files,
// reading the schema the page names. Started from this file because the site's
// Content-Security-Policy refuses inline scripts.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  const { schemaUrl, csrfHeader, csrfToken } = root.dataset;
  window.ui = SwaggerUIBundle({
    url: schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No badge from swagger.io's validator: the page asks nothing of other sites.
    validatorUrl: null,
    // "Try it out" with the browser's session: Django asks writes for the CSRF token.
    requestInterceptor: (request) => {
      if (!["GET", "HEAD", undefined].includes(request.method)) {
        request.headers[csrfHeader] = csrfToken;
      }
      return request;
    },
  });
});
