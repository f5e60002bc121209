"""The step-1 story in one test: founders pay in, a payment is proposed, voted, executed."""

from dao_sim.governance import Action


def test_payment_executes_after_vote_and_grace(session, make_dao):
    dao = make_dao()
    assert [m.name for m in dao.members] == ["Aigerim", "Bolat", "Dana"]
    assert dao.treasury.balance == 20 * 10**18
    pid = dao.propose("Aigerim", [Action.pay("Erlan", "2 ETH")], "Pay Erlan for the website")
    for voter, ballot in (("Aigerim", "for"), ("Bolat", "for"), ("Dana", "against")):
        dao.vote(voter, pid, ballot)
    session.advance("3 days")
    assert dao.state(pid) == "Grace"
    session.advance("2 days")
    before = session.balance("Erlan")
    dao.execute(pid, by="Gulnara")
    assert dao.state(pid) == "Executed"
    assert session.balance("Erlan") - before == 2 * 10**18
    assert dao.treasury.balance == 18 * 10**18
