/* Mounts GraphiQL on #graphiql; the endpoint comes from the element's data-endpoint (the page's own URL). */
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var endpoint = root.getAttribute("data-endpoint");
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var defaultQuery = root.getAttribute("data-default-query");
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false
    })
  );
})();
