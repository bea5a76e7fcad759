"""The floor: a ten-line Typer app whose one command prints a two-column Rich table."""
import typer

app = typer.Typer()


@app.command()
def show(name: str = typer.Argument("a", autocompletion=lambda incomplete: ["alpha", "beta"])):
    from rich.console import Console
    from rich.table import Table

    table = Table("metric", "value")
    table.add_row(name, "1")
    Console().print(table)


if __name__ == "__main__":
    app(prog_name="floor")
