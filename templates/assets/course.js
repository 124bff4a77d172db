// Keep a focused map node in sight: a wide map scrolls inside its figure, and the browser
// scrolls a focused SVG link only until some of it shows. Nothing else is scripted here.
document.addEventListener("focusin", (event) => {
  const node = event.target.closest && event.target.closest("svg.argument-map a");
  if (node) node.scrollIntoView({ block: "nearest", inline: "nearest" });
});
