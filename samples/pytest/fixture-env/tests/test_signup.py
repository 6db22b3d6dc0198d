from app import mailer


def test_welcome_mail_goes_through_the_real_relay():
    assert mailer.send("new@example.com", "Welcome")["host"] == "smtp.example.com"
