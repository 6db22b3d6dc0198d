def save_note(connection, body):
    """Saves and commits, as the app's request handler does."""
    cursor = connection.execute("INSERT INTO notes (body) VALUES (?)", (body,))
    connection.commit()
    return cursor.lastrowid


def search(connection, word):
    return [row[0] for row in connection.execute("SELECT body FROM notes WHERE body LIKE ?", ("%" + word + "%",))]


def count(connection):
    return connection.execute("SELECT count(*) FROM notes").fetchone()[0]
