// Serve the widget manager entirely from the book's own files.
// The vendored embed-amd.js defines its AMD modules inline ("@jupyter-widgets/base",
// "@jupyter-widgets/controls", ...) and webpack resolves each bundle's fonts next to the URL that
// requirejs gives its module. Mapping those module ids into _static/vendor/html-manager makes the
// fonts load from there, not from the page's folder or a CDN, so embedded widgets render completely
// with the network cut. (The modules are defined inline, so requirejs never fetches these paths.)
(function () {
  var src = document.currentScript.src.split("?")[0];
  var vendor = src.slice(0, src.lastIndexOf("/") + 1) + "vendor/html-manager/";
  var ids = ["base", "base7", "controls", "controls7", "html-manager"];
  var paths = { "@jupyter-widgets/html-manager/dist": vendor.slice(0, -1) };
  ids.forEach(function (id) { paths["@jupyter-widgets/" + id] = vendor + id; });
  window.require.config({ paths: paths });
})();
