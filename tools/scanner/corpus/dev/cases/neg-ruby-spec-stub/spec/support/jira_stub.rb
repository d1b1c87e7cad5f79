RSpec.configure do |config|
  config.before do
    stub_request(:get, %r{/rest/api/2/myself}).to_return(status: 200, body: { name: 'ci' }.to_json)
  end
end
