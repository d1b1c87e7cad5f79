require 'webmock/rspec'

RSpec.describe Tracker::Login do
  let(:answer) { { session: { 'name' => 'JSESSIONID', 'value' => 'abc123' } } }

  it 'keeps the cookie of the login answer' do
    stub_request(:post, 'https://tracker.example/rest/auth/1/session')
      .to_return(status: 200, body: answer.to_json)
    stub_request(:get, 'https://tracker.example/rest/api/2/myself')
      .with(headers: { cookie: 'JSESSIONID=abc123' })
    expect(Net::HTTP::Post).to receive(:new).with('/rest/auth/1/session', anything).and_call_original
    described_class.new.run
  end
end

RSpec.describe Tracker::HttpClient do
  it 'posts the login under the context path' do
    expected_path = '/tracker/rest/auth/1/session'
    expect(Net::HTTP::Post).to receive(:new).with(expected_path, anything).and_call_original
    described_class.new(context_path: '/tracker').login
  end
end
