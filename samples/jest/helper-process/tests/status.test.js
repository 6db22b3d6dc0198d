describe('status', () => {
  test('reports ok', () => {
    expect({ status: 'ok' }).toEqual({ status: 'ok' });
  });
});
