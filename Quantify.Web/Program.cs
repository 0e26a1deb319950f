using Quantify.Web;

var app = QuantifyApp.Build(args);
await app.RunQuantifyAsync(args);

public partial class Program;
